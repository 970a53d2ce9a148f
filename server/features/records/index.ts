import type { Chain, Enterprise, Institute, Need, Talent } from '../../domain/schemas.js';
import type { Store } from '../../store/port.js';
import type { ChainCatalog } from './catalog.js';
import { chainPolicy, enterprisePolicy, institutePolicy, needPolicy, talentPolicy } from './policies.js';
import { createResources } from './resources.js';
import { createRecordService, type RecordAudit, type RecordService } from './service.js';
import type { Enricher } from '../../../matching/enrich.js';

export interface RecordServices {
  chains: RecordService<Chain>;
  enterprises: RecordService<Enterprise>;
  needs: RecordService<Need>;
  talents: RecordService<Talent>;
  institutes: RecordService<Institute>;
}

export function createRecordServices(
  store: Store,
  catalog: ChainCatalog,
  options: { enrich: Enricher; clock?: () => Date; onCommitted?: () => Promise<void>; audit?: RecordAudit },
): RecordServices {
  const r = createResources(store, catalog, options.enrich);
  return {
    chains: createRecordService(store.collection<Chain>('chains'), r.chains, chainPolicy, options),
    enterprises: createRecordService(store.collection<Enterprise>('enterprises'), r.enterprises, enterprisePolicy, options),
    needs: createRecordService(store.collection<Need>('needs'), r.needs, needPolicy, options),
    talents: createRecordService(store.collection<Talent>('talents'), r.talents, talentPolicy, options),
    institutes: createRecordService(store.collection<Institute>('institutes'), r.institutes, institutePolicy, options),
  };
}
