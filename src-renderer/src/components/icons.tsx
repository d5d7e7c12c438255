import type { ReactNode, SVGProps } from 'react';

/** A few line icons, inline so the offline app loads no icon font. Decorative: hidden from assistive tech. */
function Svg({ size = 16, children, ...props }: SVGProps<SVGSVGElement> & { size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
      focusable="false"
      {...props}
    >
      {children}
    </svg>
  );
}

type IconProps = SVGProps<SVGSVGElement> & { size?: number };

/** An icon from its drawing: the path data, one `d` a path, after any other shapes (a circle, a frame). */
function icon(paths: readonly string[], shapes?: ReactNode) {
  return function Icon(props: IconProps) {
    return (
      <Svg {...props}>
        {shapes}
        {paths.map((d) => (
          <path key={d} d={d} />
        ))}
      </Svg>
    );
  };
}

export const IconDocument = icon(['M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z', 'M14 3v5h5M9 13h6M9 17h6']);
export const IconNote = icon(['M4 4h16v12l-4 4H4z', 'M16 20v-4h4M8 9h8M8 13h5']);
export const IconPaperclip = icon(['M21 11.5l-8.6 8.6a5 5 0 0 1-7.1-7.1l8.6-8.6a3.3 3.3 0 0 1 4.7 4.7l-8.6 8.6a1.7 1.7 0 0 1-2.4-2.4l7.9-7.9']);
export const IconUp = icon(['M12 19V5M6 11l6-6 6 6']);
export const IconDown = icon(['M12 5v14M6 13l6 6 6-6']);
export const IconEdit = icon(['M4 20h4L19 9l-4-4L4 16z', 'M13.5 6.5l4 4']);
export const IconTrash = icon(['M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3']);
export const IconPlay = icon(['M7 4v16l13-8z']);
export const IconUpload = icon(['M12 16V4M7 9l5-5 5 5M4 16v3a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-3']);
export const IconShield = icon(['M12 3l8 3v6c0 4.5-3.4 8.3-8 9-4.6-.7-8-4.5-8-9V6z', 'M8.5 12l2.5 2.5 4.5-5']);
export const IconSun = icon(['M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4'], <circle cx="12" cy="12" r="4" />);
export const IconFolder = icon(['M3 6a1 1 0 0 1 1-1h5l2 2h9a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1z']);
export const IconBook = icon(['M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2zM4 21V5M8 7h7']);
export const IconSync = icon(['M20 11a8 8 0 0 0-14.3-4.9L4 8M4 4v4h4M4 13a8 8 0 0 0 14.3 4.9L20 16M20 20v-4h-4']);
export const IconSidebar = icon(['M9 4v16'], <rect x="3" y="4" width="18" height="16" rx="2" />);
