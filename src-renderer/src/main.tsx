import '@mantine/core/styles.css';
import './app.css';
import { MantineProvider } from '@mantine/core';
import { StrictMode, useEffect, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app/App';
import { i18n, initI18n } from './i18n';
import { effectiveContrast, followSystemContrast, useAppearanceStore } from './stores/appearance';
import { cssVariablesResolvers, themes } from './theme';

initI18n();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

/** The chosen look: Mantine's theme, and `data-aeo-theme` on <html> for the stylesheet's focus rings and targets. */
function Themed({ children }: { children: ReactNode }) {
  const mode = useAppearanceStore(effectiveContrast);
  useEffect(() => followSystemContrast(), []);
  useEffect(() => {
    document.documentElement.dataset.aeoTheme = mode;
  }, [mode]);
  return (
    <MantineProvider theme={themes[mode]} cssVariablesResolver={cssVariablesResolvers[mode]} defaultColorScheme="light">
      {children}
    </MantineProvider>
  );
}

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <Themed>
        <App />
      </Themed>
    </I18nextProvider>
  </StrictMode>,
);
