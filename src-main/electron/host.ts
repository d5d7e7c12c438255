import { BrowserWindow, dialog, shell, type SaveDialogOptions } from 'electron';
import path from 'node:path';
import { copyFileAtomic } from '../core/fs-atomic';
import type { HostCapabilities } from '../handlers/registry';

/**
 * Replacing an existing file is the user's explicit choice: macOS and Windows dialogs always ask; on Linux the
 * GTK dialog asks only with this property.
 */
const SAVE_PROPERTIES: SaveDialogOptions['properties'] = ['showOverwriteConfirmation', 'createDirectory'];

/** The desktop-only capabilities handlers may ask for: the system save dialog and the system PDF viewer. */
export function electronHost(): HostCapabilities {
  return {
    async saveFileAs(sourcePath, suggestedName) {
      const [window] = BrowserWindow.getAllWindows();
      const options: SaveDialogOptions = {
        defaultPath: suggestedName,
        filters: [{ name: 'PDF', extensions: [path.extname(suggestedName).slice(1) || 'pdf'] }],
        properties: SAVE_PROPERTIES,
      };
      const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return null;
      // A unique temp name beside the target, flushed, then renamed: a failed copy never leaves half a file under
      // the chosen name. Replacing is allowed because the save dialog has already asked the user to confirm it.
      await copyFileAtomic(sourcePath, choice.filePath, { overwrite: true });
      return choice.filePath;
    },
    async chooseSavePath(suggestedName, filter) {
      const [window] = BrowserWindow.getAllWindows();
      const options: SaveDialogOptions = { defaultPath: suggestedName, filters: [filter], properties: SAVE_PROPERTIES };
      const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return choice.canceled || !choice.filePath ? null : choice.filePath;
    },
    async openFile(filePath) {
      // shell.openPath answers an error message, or '' on success.
      return (await shell.openPath(filePath)) === '';
    },
  };
}
