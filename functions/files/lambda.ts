/** The files function: the owner's files, folders and uploads. */
import { groupLambda } from '../lib/http/group.js';
import { ownerPlatform } from '../lib/wiring.js';
import { handler as filesDelete } from './files-delete.js';
import { handler as filesList } from './files-list.js';
import { handler as foldersCreate } from './folders-create.js';
import { handler as uploadsAbort } from './uploads-abort.js';
import { handler as uploadsComplete } from './uploads-complete.js';
import { handler as uploadsCreate } from './uploads-create.js';
import { handler as uploadsParts } from './uploads-parts.js';

export const handler = groupLambda(
  'files',
  {
    'files-list': filesList,
    'files-delete': filesDelete,
    'folders-create': foldersCreate,
    'uploads-create': uploadsCreate,
    'uploads-parts': uploadsParts,
    'uploads-complete': uploadsComplete,
    'uploads-abort': uploadsAbort,
  },
  ownerPlatform,
);
