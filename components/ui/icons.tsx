import { type ReactNode, type SVGProps } from "react";
import { cn } from "./cn";

export type IconProps = Omit<SVGProps<SVGSVGElement>, "children"> & {
  /** Accessible name. Without it the icon is decorative (aria-hidden). */
  title?: string;
};

/** 24×24 stroke icons drawn for this project. Default size is 1rem (size-4); pass className="size-5" to change. */
function createIcon(displayName: string, paths: ReactNode) {
  function Icon({ title, className, ...props }: IconProps) {
    const labelled = title !== undefined && title.length > 0;
    return (
      <svg
        xmlns="http://www.w3.org/2000/svg"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.75}
        strokeLinecap="round"
        strokeLinejoin="round"
        focusable="false"
        className={cn("size-4 shrink-0", className)}
        {...(labelled ? { role: "img", "aria-label": title } : { "aria-hidden": true })}
        {...props}
      >
        {labelled ? <title>{title}</title> : null}
        {paths}
      </svg>
    );
  }
  Icon.displayName = displayName;
  return Icon;
}

export const ShieldIcon = createIcon(
  "ShieldIcon",
  <path d="M12 3 19 6v5c0 4.5-3 8.4-7 10-4-1.6-7-5.5-7-10V6l7-3Z" />,
);

export const UsersIcon = createIcon(
  "UsersIcon",
  <>
    <circle cx="9" cy="8" r="3.5" />
    <path d="M2.5 20c0-3.6 2.9-6 6.5-6s6.5 2.4 6.5 6" />
    <path d="M16 4.6a3.5 3.5 0 0 1 0 6.8" />
    <path d="M18 14.3c2.1.6 3.5 2.7 3.5 5.7" />
  </>,
);

export const BuildingIcon = createIcon(
  "BuildingIcon",
  <>
    <path d="M4 21V5a2 2 0 0 1 2-2h8a2 2 0 0 1 2 2v16" />
    <path d="M16 9h2a2 2 0 0 1 2 2v10" />
    <path d="M3 21h18" />
    <path d="M8 7h4M8 11h4M8 15h4" />
  </>,
);

export const FolderIcon = createIcon(
  "FolderIcon",
  <path d="M3 7a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7Z" />,
);

export const KeyIcon = createIcon(
  "KeyIcon",
  <>
    <circle cx="8" cy="15" r="4" />
    <path d="M10.8 12.2 20 3" />
    <path d="m17 6 3 3" />
    <path d="m14.5 8.5 2 2" />
  </>,
);

export const LinkIcon = createIcon(
  "LinkIcon",
  <>
    <path d="M10 14a4 4 0 0 0 5.66 0l3-3a4 4 0 0 0-5.66-5.66l-1 1" />
    <path d="M14 10a4 4 0 0 0-5.66 0l-3 3a4 4 0 0 0 5.66 5.66l1-1" />
  </>,
);

export const SettingsIcon = createIcon(
  "SettingsIcon",
  <>
    <path d="M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12M20 18h0" />
    <circle cx="16" cy="6" r="2" />
    <circle cx="10" cy="12" r="2" />
    <circle cx="18" cy="18" r="2" />
  </>,
);

export const ListIcon = createIcon(
  "ListIcon",
  <path d="M9 6h11M9 12h11M9 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01" />,
);

export const CheckIcon = createIcon("CheckIcon", <path d="m5 12.5 4.5 4.5L19 7.5" />);

export const XIcon = createIcon("XIcon", <path d="M6 6l12 12M18 6 6 18" />);

export const AlertIcon = createIcon(
  "AlertIcon",
  <>
    <path d="M10.3 4.4 2.9 17.5A2 2 0 0 0 4.6 20.5h14.8a2 2 0 0 0 1.7-3L13.7 4.4a2 2 0 0 0-3.4 0Z" />
    <path d="M12 10v4M12 17h.01" />
  </>,
);

export const InfoIcon = createIcon(
  "InfoIcon",
  <>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 11v5M12 8h.01" />
  </>,
);

export const CheckCircleIcon = createIcon(
  "CheckCircleIcon",
  <>
    <circle cx="12" cy="12" r="9" />
    <path d="m8 12.5 2.5 2.5L16 9.5" />
  </>,
);

export const XCircleIcon = createIcon(
  "XCircleIcon",
  <>
    <circle cx="12" cy="12" r="9" />
    <path d="m9 9 6 6M15 9l-6 6" />
  </>,
);

export const CopyIcon = createIcon(
  "CopyIcon",
  <>
    <rect x="9" y="9" width="11" height="11" rx="2" />
    <path d="M5 15H4.5A1.5 1.5 0 0 1 3 13.5v-9A1.5 1.5 0 0 1 4.5 3h9A1.5 1.5 0 0 1 15 4.5V5" />
  </>,
);

export const ChevronRightIcon = createIcon("ChevronRightIcon", <path d="m9 6 6 6-6 6" />);

export const ChevronLeftIcon = createIcon("ChevronLeftIcon", <path d="m15 6-6 6 6 6" />);

export const ChevronDownIcon = createIcon("ChevronDownIcon", <path d="m6 9 6 6 6-6" />);

export const SignOutIcon = createIcon(
  "SignOutIcon",
  <>
    <path d="M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4" />
    <path d="m16 17 5-5-5-5" />
    <path d="M21 12H9" />
  </>,
);

export const PlusIcon = createIcon("PlusIcon", <path d="M12 5v14M5 12h14" />);

export const RefreshIcon = createIcon(
  "RefreshIcon",
  <>
    <path d="M20 11a8 8 0 0 0-14.9-3.5" />
    <path d="M4 4v4h4" />
    <path d="M4 13a8 8 0 0 0 14.9 3.5" />
    <path d="M20 20v-4h-4" />
  </>,
);

export const SearchIcon = createIcon(
  "SearchIcon",
  <>
    <circle cx="11" cy="11" r="7" />
    <path d="m20 20-3.5-3.5" />
  </>,
);

export const DownloadIcon = createIcon("DownloadIcon", <path d="M12 4v11M7 10l5 5 5-5M5 20h14" />);

export const TrashIcon = createIcon(
  "TrashIcon",
  <path d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3" />,
);

export const ExternalLinkIcon = createIcon(
  "ExternalLinkIcon",
  <path d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5" />,
);

export const HistoryIcon = createIcon(
  "HistoryIcon",
  <>
    <path d="M3.5 12a8.5 8.5 0 1 0 2.5-6" />
    <path d="M3 4v4h4" />
    <path d="M12 8v4.5l3 2" />
  </>,
);

export const ActivityIcon = createIcon("ActivityIcon", <path d="M3 12h4l3-7 4 14 3-7h4" />);
