// The portal's own control names for the input paths it renders itself
// (unmapped paths use the path as the name). One file for the page and the
// server, so both read a post the same way.
export const fieldMap = {
  caseNumber: "zaak_nr",
  "subject.vNumber": "vnummer",
  "context.type": "aanleiding",
  summary: "samenvatting",
  sharedWith: "delen_met",
};
