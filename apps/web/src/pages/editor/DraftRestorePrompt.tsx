import { useTranslation } from "react-i18next";
import { formatTime } from "../../lib/format-time";
import { useLocale } from "../../lib/use-locale";
import type { LocalDraft } from "./draft-store";

interface Props {
  draft: LocalDraft;
  onRestore: () => void;
  onDiscard: () => void;
}

/** A draft left in this browser from an earlier visit: the person decides whether to pick it up. */
export function DraftRestorePrompt({ draft, onRestore, onDiscard }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="notice" role="region" aria-label={t("editor.draftFoundTitle")}>
      <p>{t("editor.draftFound", { time: formatTime(draft.savedAt, locale) })}</p>
      <div className="button-row">
        <button type="button" className="button primary" onClick={onRestore}>
          {t("editor.restoreDraft")}
        </button>
        <button type="button" className="button secondary" onClick={onDiscard}>
          {t("editor.discardDraft")}
        </button>
      </div>
    </div>
  );
}
