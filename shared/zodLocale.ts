// Validation messages are read by applicants and staff, so zod speaks Bahasa Indonesia in the API and the web app:
// its Indonesian locale, plus plainer words for the two cases people meet most (a missing field and
// a choice outside the allowed values). Field names stay as they are.
import { z } from 'zod';

let configured = false;

export function useIndonesianValidationMessages(): void {
  if (configured) return;
  configured = true;
  z.config(z.locales.id());
  z.config({
    customError: (issue) => {
      if (issue.code === 'invalid_type' && issue.input === undefined) return 'wajib diisi';
      if (issue.code === 'invalid_union' && 'options' in issue && Array.isArray(issue.options) && issue.options.length) {
        return `harus salah satu dari: ${issue.options.join(', ')}`;
      }
      if (issue.code === 'invalid_value' && issue.values.length) return `harus salah satu dari: ${issue.values.map(String).join(', ')}`;
      return undefined;
    },
  });
}
