// A form generated from a zod schema, checked by that same schema as it is typed: the fields come from
// its JSON Schema (objects, choices between variants, lists, texts, numbers, dates), the messages from
// zod itself (in Bahasa Indonesia), so the browser refuses exactly what the API would refuse.
import type { JSX } from 'preact';
import { useMemo, useRef, useState } from 'preact/hooks';
import { z } from 'zod';
import { fieldsFromIssues } from '../../shared/validationFields';
import { choiceLabel, fieldLabel } from './labels';

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  const?: unknown;
  enum?: unknown[];
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
  maxItems?: number;
  minItems?: number;
}

type Raw = Record<string, unknown>;

/** A text longer than this is a paragraph: a textarea, not a line. */
const PARAGRAPH_AT = 300;

const discriminatorOf = (variants: JsonSchema[]): string | undefined =>
  Object.keys(variants[0]?.properties ?? {}).find((key) => variants.every((v) => v.properties?.[key]?.const !== undefined));

const variantFor = (variants: JsonSchema[], key: string, raw: Raw): JsonSchema | undefined => variants.find((v) => v.properties?.[key]?.const === raw[key]);

/** What the inputs hold, as the schema wants it: numbers as numbers, empty optional fields left out. */
function clean(schema: JsonSchema, raw: unknown, required: boolean): unknown {
  if (schema.oneOf) {
    const key = discriminatorOf(schema.oneOf);
    const r = (raw ?? {}) as Raw;
    const variant = key ? variantFor(schema.oneOf, key, r) : undefined;
    if (!variant) return required ? {} : undefined;
    return clean(variant, r, required);
  }
  if (schema.type === 'object') {
    const r = (raw ?? {}) as Raw;
    const out: Raw = {};
    for (const [key, child] of Object.entries(schema.properties ?? {})) {
      if (child.const !== undefined) {
        out[key] = child.const;
        continue;
      }
      const value = clean(child, r[key], schema.required?.includes(key) ?? false);
      if (value !== undefined) out[key] = value;
    }
    const filled = Object.entries(out).some(([key]) => schema.properties?.[key]?.const === undefined);
    return required || filled ? out : undefined;
  }
  if (schema.type === 'array') {
    const items = Array.isArray(raw) ? raw : [];
    return items.map((item) => clean(schema.items ?? {}, item, true));
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    const text = String(raw ?? '').trim();
    if (text === '') return undefined;
    const n = Number(text.replace(',', '.'));
    return Number.isNaN(n) ? text : n;
  }
  const text = typeof raw === 'string' ? raw : '';
  return text === '' && !required ? undefined : text;
}

/** An empty value of the schema's shape, for a new list item. */
function blank(schema: JsonSchema): unknown {
  if (schema.type === 'object') return {};
  if (schema.type === 'array') return [];
  return '';
}

const pathKey = (path: readonly string[]): string => path.join('.');
const inputId = (path: readonly string[]): string => `f-${path.join('-')}`;

function getIn(raw: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Raw)[key] : undefined), raw);
}

function setIn(raw: unknown, path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(raw)) {
    const copy = [...raw];
    copy[Number(head)] = setIn(copy[Number(head)], rest, value);
    return copy;
  }
  const node = (raw && typeof raw === 'object' ? raw : {}) as Raw;
  return { ...node, [head]: setIn(node[head], rest, value) };
}

export interface SchemaFormProps<T> {
  schema: z.ZodType<T>;
  /** Prefilled values, as the inputs hold them (strings and nested objects). */
  initial?: Raw;
  submitLabel: string;
  /** Refusals the server gave, by field path. */
  serverFields?: Record<string, string>;
  busy?: boolean;
  onSubmit(value: T): void;
  /** Per-field hints shown under the input, by path. */
  hints?: Record<string, string>;
  /** Context for labels of the top-level fields ("approval": its `form` is the form persetujuan). */
  labelContext?: string;
  testId?: string;
}

export function SchemaForm<T>(props: SchemaFormProps<T>): JSX.Element {
  const json = useMemo(() => z.toJSONSchema(props.schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema, [props.schema]);
  const [raw, setRaw] = useState<Raw>(props.initial ?? {});
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const value = clean(json, raw, true);
  const parsed = props.schema.safeParse(value);
  const errors = parsed.success ? {} : fieldsFromIssues(parsed.error.issues);
  const shown = (path: readonly string[]): string | undefined => {
    const key = pathKey(path);
    const own = errors[key] ?? props.serverFields?.[key];
    return own && (submitted || touched.has(key) || props.serverFields?.[key]) ? own : undefined;
  };
  const update = (path: readonly string[], next: unknown): void => {
    setRaw((r) => setIn(r, path, next) as Raw);
    setTouched((t) => new Set(t).add(pathKey(path)));
  };

  const onSubmit = (event: Event): void => {
    event.preventDefault();
    setSubmitted(true);
    if (!parsed.success) {
      // Where the first problem is, so a keyboard or screen-reader user lands on it.
      setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    props.onSubmit(parsed.data);
  };

  const renderField = (schema: JsonSchema, path: string[], required: boolean): JSX.Element | null => {
    const label = fieldLabel(path, props.labelContext);
    const error = shown(path);
    const id = inputId(path);
    const describedBy = [error ? `${id}-err` : '', props.hints?.[pathKey(path)] ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
    const messages = (
      <>
        {props.hints?.[pathKey(path)] && (
          <small id={`${id}-hint`} class="hint">
            {props.hints[pathKey(path)]}
          </small>
        )}
        {error && (
          <small id={`${id}-err`} class="field-error" role="alert">
            {error}
          </small>
        )}
      </>
    );

    if (schema.oneOf) {
      const variants = schema.oneOf;
      const key = discriminatorOf(variants);
      if (!key) return null;
      const node = (getIn(raw, path) ?? {}) as Raw;
      const chosen = variantFor(variants, key, node);
      const choicePath = [...path, key];
      const choiceError = shown(choicePath) ?? (chosen ? undefined : shown(path));
      return (
        <fieldset class="group" key={pathKey(path)}>
          <legend>{path.length ? label : fieldLabel([key], props.labelContext)}</legend>
          <div class="choices" role="radiogroup" aria-describedby={choiceError ? `${inputId(choicePath)}-err` : undefined}>
            {variants.map((variant) => {
              const v = String(variant.properties?.[key]?.const);
              return (
                <label class="choice" key={v}>
                  <input type="radio" name={inputId(choicePath)} value={v} checked={node[key] === v} onChange={() => update(choicePath, v)} aria-invalid={choiceError ? 'true' : undefined} />
                  {choiceLabel(v)}
                </label>
              );
            })}
          </div>
          {choiceError && (
            <small id={`${inputId(choicePath)}-err`} class="field-error" role="alert">
              {choiceError}
            </small>
          )}
          {chosen && renderProperties(chosen, path, key)}
        </fieldset>
      );
    }
    if (schema.type === 'object') {
      if (path.length === 0) return renderProperties(schema, path);
      return (
        <fieldset class="group" key={pathKey(path)}>
          <legend>
            {label}
            {required ? '' : ' (opsional)'}
          </legend>
          {renderProperties(schema, path)}
          {messages}
        </fieldset>
      );
    }
    if (schema.type === 'array') {
      const items = (getIn(raw, path) as unknown[] | undefined) ?? [];
      const item = schema.items ?? {};
      const max = schema.maxItems ?? 20;
      return (
        <fieldset class="group" key={pathKey(path)}>
          <legend>{label}</legend>
          {items.map((_, i) => (
            <div class="list-item" key={i}>
              {item.type === 'object' ? (
                <fieldset class="group inner">
                  <legend>
                    {label} {i + 1}
                  </legend>
                  {renderProperties(item, [...path, String(i)])}
                </fieldset>
              ) : (
                renderField(item, [...path, String(i)], true)
              )}
              <button type="button" class="secondary small" onClick={() => update(path, items.filter((__, j) => j !== i))}>
                Hapus {label.toLowerCase()} {i + 1}
              </button>
            </div>
          ))}
          {items.length < max && (
            <button type="button" class="secondary small" onClick={() => update(path, [...items, blank(item)])}>
              Tambah {label.toLowerCase()}
            </button>
          )}
          {messages}
        </fieldset>
      );
    }

    const current = getIn(raw, path);
    const text = current === undefined || current === null ? '' : String(current);
    const common = {
      id,
      name: pathKey(path),
      value: text,
      'aria-invalid': error ? ('true' as const) : undefined,
      'aria-describedby': describedBy,
      'aria-required': required || undefined,
      onInput: (e: Event) => update(path, (e.currentTarget as HTMLInputElement).value),
      onBlur: () => setTouched((t) => new Set(t).add(pathKey(path))),
    };
    let input: JSX.Element;
    if (schema.enum) {
      input = (
        <select {...common} onChange={common.onInput}>
          <option value="">— pilih —</option>
          {schema.enum.map((v) => (
            <option key={String(v)} value={String(v)}>
              {choiceLabel(String(v))}
            </option>
          ))}
        </select>
      );
    } else if (schema.type === 'integer' || schema.type === 'number') {
      input = <input {...common} type="number" inputMode="numeric" min={schema.minimum} max={schema.maximum} step={schema.type === 'integer' ? 1 : 'any'} />;
    } else if ((schema.maxLength ?? 0) > PARAGRAPH_AT) {
      input = <textarea {...common} rows={3} />;
    } else {
      input = schema.format === 'date' ? <input {...common} type="date" /> : schema.format === 'email' ? <input {...common} type="email" autoComplete="email" /> : <input {...common} type="text" autoComplete="off" />;
    }
    return (
      <div class={`field${error ? ' invalid' : ''}`} key={pathKey(path)}>
        <label for={id}>
          {label}
          {required ? '' : ' (opsional)'}
        </label>
        {input}
        {messages}
      </div>
    );
  };

  const renderProperties = (schema: JsonSchema, path: string[], skip?: string): JSX.Element => (
    <>
      {Object.entries(schema.properties ?? {})
        .filter(([key, child]) => key !== skip && child.const === undefined)
        .map(([key, child]) => renderField(child, [...path, key], schema.required?.includes(key) ?? false))}
    </>
  );

  return (
    <form ref={formRef} class="schema-form" noValidate onSubmit={onSubmit} data-testid={props.testId}>
      {renderField(json, [], true)}
      {submitted && !parsed.success && (
        <p class="alert error" role="alert">
          Periksa kolom yang ditandai: {Object.keys(errors).length} kolom belum benar.
        </p>
      )}
      <button type="submit" disabled={props.busy}>
        {props.busy ? 'Mengirim…' : props.submitLabel}
      </button>
    </form>
  );
}
