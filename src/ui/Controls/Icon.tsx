const PATHS = {
  restart: 'M4 4v6h6M4.5 9.5A7 7 0 1 1 5 15',
  back: 'M15 5l-7 7 7 7',
  play: 'M7 4l13 8-13 8z',
  pause: 'M7 5h3v14H7zM14 5h3v14h-3z',
  step: 'M9 5l7 7-7 7',
  statement: 'M5 5l7 7-7 7M13 5l7 7-7 7',
} as const;

/** Small line icons (the fonts on classroom machines do not all carry media symbols). */
export function Icon({ name }: { readonly name: keyof typeof PATHS }) {
  const filled = name === 'play' || name === 'pause';
  return (
    <svg
      width="14"
      height="14"
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      style={{ verticalAlign: '-2px' }}
    >
      <path
        d={PATHS[name]}
        fill={filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        strokeWidth={filled ? 0 : 2.5}
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
