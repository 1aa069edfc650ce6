// HAR import: streaming reader, entry conversion, ordered placement.

export { importHarFiles, type ImportOptions, type ImportTarget } from './import-har';
export { formatReport, type ImportReport, type EntryFailure, type FileReport } from './import-report';
export { scanHar, NotHarError, type ScannedEntry, type ScanResult } from './har-scanner';
export { harEntryToExchange, type ConvertedEntry } from './har-entry';
export { importThreadtapJson, isThreadtapJson } from './import-threadtap-json';
