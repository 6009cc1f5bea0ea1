/** The floor plus zod/mini with its English messages and one schema, as the functions validate. */
import * as z from 'zod/mini';
import { en } from 'zod/v4/locales';
import { floorHandler, type FloorEvent } from './recipient-sdk.js';

z.config(en());
const event = z.object({ objectKey: z.string().check(z.minLength(1), z.maxLength(1024)) });

export const handler = (input: FloorEvent) => floorHandler({ ...input, ...event.parse(input) });
