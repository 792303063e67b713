// Reads a PDF's text and page count with pdf-parse, in a child node process: pdf-parse's pdf.js
// loads its worker with a dynamic import(), which jest's CommonJS module runtime refuses.
import { execFile } from 'node:child_process';

const READER = `
const { PDFParse } = require(${JSON.stringify(require.resolve('pdf-parse'))});
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: Buffer.concat(chunks) });
  const { text, total } = await parser.getText();
  await parser.destroy();
  process.stdout.write(JSON.stringify({ text, pages: total }));
});
`;

export function readPdf(pdf: Buffer): Promise<{ text: string; pages: number }> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', READER], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`reading the PDF failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as { text: string; pages: number });
    });
    child.stdin?.end(pdf);
  });
}
