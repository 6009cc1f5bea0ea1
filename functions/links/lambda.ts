/** The links function: the owner's share links. */
import { groupLambda } from '../lib/http/group.js';
import { ownerPlatform } from '../lib/wiring.js';
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
  },
  ownerPlatform,
);
