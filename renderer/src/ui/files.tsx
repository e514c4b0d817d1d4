/** Saving a file from the page and reading one the user picks: the same in both shells. */
import { useRef } from 'react';
import { saveBlob } from '../platform/save-file';

/** Offers text as a file download (a save dialog on the desktop, the downloads folder in a browser). */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  saveBlob(fileName, new Blob([text], { type }));
}

/** A button that opens the file picker and hands over the chosen file's text and name. */
export function FilePickerButton({ label, accept, onFile, testId }: { label: string; accept: string; onFile: (text: string, name: string) => void; testId: string }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        {label}
      </button>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        data-testid={testId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void file.text().then((text) => onFile(text, file.name));
        }}
      />
    </>
  );
}
