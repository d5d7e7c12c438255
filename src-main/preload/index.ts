import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { exposeApi } from './expose';

// The thin entry: only this file touches the electron module; the logic in expose.ts takes it as a parameter.
exposeApi({ contextBridge, ipcRenderer, webUtils });
