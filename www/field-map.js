// The portal's own control names for each input path, shared by the page
// (attach) and the demo server (re-verification, rebuilding a plain post).
export const fieldMap = {
  caseNumber: "zaak_nr",
  procedure: "procedure_soort",
  "subject.vNumber": "vnummer",
  "subject.bsn": "bsn_nummer",
  "subject.unknownSubject": "betrokkene_onbekend",
  "context.type": "aanleiding",
  "context.sisAlert.regulation": "sis_verordening",
  "context.sisAlert.article": "sis_artikel",
  "context.sisAlert.issuingState": "sis_land",
  "context.sisAlert.alertReference": "sis_referentie",
  "context.tip.channel": "tip_kanaal",
  "context.tip.receivedOn": "tip_datum",
  "context.screeningMethod": "screening",
  "context.partner": "melder",
  summary: "samenvatting",
  "officer.id": "medewerker",
  "officer.unit": "afdeling",
  "handling.tlp": "tlp",
  sharedWith: "delen_met",
  noShareReason: "reden_niet_delen",
};
