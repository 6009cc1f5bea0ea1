/** The links function: the owner's share links and file requests. */
import { groupLambda } from '../lib/http/group.js';
import { ownerPlatform } from '../lib/wiring.js';
import { handler as requestsCreate } from './requests-create.js';
import { handler as requestsDelete } from './requests-delete.js';
import { handler as requestsEvents } from './requests-events.js';
import { handler as requestsGet } from './requests-get.js';
import { handler as requestsList } from './requests-list.js';
import { handler as requestsUpdate } from './requests-update.js';
import { handler as sharesCancel } from './shares-cancel.js';
import { handler as sharesCreate } from './shares-create.js';
import { handler as sharesDelete } from './shares-delete.js';
import { handler as sharesEvents } from './shares-events.js';
import { handler as sharesGet } from './shares-get.js';
import { handler as sharesList } from './shares-list.js';
import { handler as sharesUpdate } from './shares-update.js';

export const handler = groupLambda(
  'links',
  {
    'shares-create': sharesCreate,
    'shares-list': sharesList,
    'shares-cancel': sharesCancel,
    'shares-get': sharesGet,
    'shares-update': sharesUpdate,
    'shares-events': sharesEvents,
    'shares-delete': sharesDelete,
    'requests-create': requestsCreate,
    'requests-list': requestsList,
    'requests-get': requestsGet,
    'requests-update': requestsUpdate,
    'requests-delete': requestsDelete,
    'requests-events': requestsEvents,
  },
  ownerPlatform,
);
