/** Saving a file from the page and reading one the user picks: the same in both shells. */
import { useRef, useState } from 'react';
import { Button, Select, Space } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { CellGrid } from '../../../shared/domain/ballot-grid';
import { formatImportProblems } from '../../../shared/domain/ballot-grid';
import { failureText } from '../../../shared/domain/result';
import { zh } from '../../../shared/messages/zh-CN';
import { host } from '../platform/host';
import { saveBlob } from '../platform/save-file';

/** Offers text as a file download (a save dialog on the desktop, the downloads folder in a browser). */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  saveBlob(fileName, new Blob([text], { type }));
}

/** The bytes of a file the user picked, as base64 (for the host, which reads xlsx files). */
export function fileAsBase64(file: File): Promise<string> {
  // The browser's own encoder (a data: URL): for a district's 82 files several times faster than
  // building a binary string here and calling btoa.
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error(file.name));
    reader.readAsDataURL(file);
  });
}

/**
 * A button that opens the file picker and hands over the chosen file's text and name. The picker is
 * the browser's own <input type=file>, hidden (tests hand it files directly); the button is the library's.
 */
export function FilePickerButton({
  label,
  accept,
  onFile,
  onPicked,
  testId,
}: {
  label: string;
  accept: string;
  onFile?: (text: string, name: string) => void;
  onPicked?: (file: File) => void;
  testId: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button icon={<UploadOutlined aria-hidden />} onClick={() => input.current?.click()}>
        {label}
      </Button>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        data-testid={testId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          onPicked?.(file);
          if (onFile) void file.text().then((text) => onFile(text, file.name));
        }}
      />
    </>
  );
}

/**
 * A picked spreadsheet read by the host into cell texts (the named sheet, or the one the reader
 * finds), or the located problems as one message; `sheets` when the reader could not tell which of
 * several sheets holds the grid, for the screen to ask.
 */
export async function readPickedGrid(file: File, sheet?: string): Promise<{ grid: CellGrid } | { problems: string; sheets?: readonly string[] }> {
  const answer = await host.readGridFile({ fileName: file.name, contentBase64: await fileAsBase64(file), ...(sheet === undefined ? {} : { sheet }) });
  if (!answer.ok) return { problems: failureText(answer) };
  const read = answer.value;
  if (!read.ok) {
    const sheets = read.errors.find((p) => p.sheets !== undefined)?.sheets;
    return { problems: formatImportProblems(read.errors), ...(sheets ? { sheets } : {}) };
  }
  return { grid: read.value };
}

/** Asks which sheet to read when a workbook holds several that look like grids. */
export function SheetChoice({ sheets, onChoose }: { sheets: readonly string[]; onChoose: (sheet: string) => void }) {
  const [chosen, setChosen] = useState(sheets[0] ?? '');
  return (
    <Space wrap className="sheet-choice" data-testid="sheet-choice">
      <label htmlFor="sheet-select">{zh.gridFile.chooseSheet}</label>
      <Select<string>
        id="sheet-select"
        className="sheet-select"
        popupMatchSelectWidth={false}
        value={chosen}
        onChange={setChosen}
        options={sheets.map((name) => ({ value: name, label: name }))}
        data-testid="sheet-select"
      />
      <Button onClick={() => onChoose(chosen)} data-testid="sheet-read">
        {zh.gridFile.readSheet}
      </Button>
    </Space>
  );
}
