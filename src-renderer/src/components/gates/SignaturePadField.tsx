import { Button, Group, Stack } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import SignaturePad from 'signature_pad';
import { LabelWithHint } from '../kit/FormFields';

/**
 * A signature drawn on screen (signature_pad: mouse, finger or pen). Reports the drawing as a base64 PNG, or null
 * while the pad is empty; the canvas is sized for its CSS box times the device pixel ratio so strokes stay sharp.
 */
export function SignaturePadField({ onChange }: { onChange: (pngBase64: string | null) => void }) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = canvas.offsetHeight * ratio;
    canvas.getContext('2d')?.scale(ratio, ratio);
    const pad = new SignaturePad(canvas, { backgroundColor: 'rgb(255, 255, 255)', penColor: 'rgb(20, 30, 60)' });
    padRef.current = pad;
    const report = () => onChangeRef.current(pad.isEmpty() ? null : pad.toDataURL('image/png').replace(/^data:image\/png;base64,/, ''));
    pad.addEventListener('endStroke', report);
    return () => {
      pad.removeEventListener('endStroke', report);
      pad.off();
      padRef.current = null;
    };
  }, []);

  return (
    <Stack gap={4}>
      <LabelWithHint label={t('gates.run.signature')} hint={t('gates.run.signatureHint')} weight={500} />
      <canvas
        ref={canvasRef}
        aria-label={t('gates.run.signatureLabel')}
        data-testid="signature-pad"
        style={{ width: '100%', height: 140, border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4, touchAction: 'none', background: '#fff' }}
      />
      <Group justify="flex-end">
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => {
            padRef.current?.clear();
            onChangeRef.current(null);
          }}
        >
          {t('gates.run.clear')}
        </Button>
      </Group>
    </Stack>
  );
}
