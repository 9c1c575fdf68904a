import { ReleaseCoordinationApi } from '@release-coordination/plugin-release-coordination-common';
import { Operations } from './openapi/generated';

/**
 * The client of the common package against the OpenAPI document, checked by the compiler: every
 * client method is named after an operation of the document, and what it resolves to is the
 * operation's successful answer, assignable both ways. Renaming, adding or dropping a field on
 * one side only fails `tsc`, naming the operation.
 *
 * This is a type-only module: nothing imports it, and it has no runtime code.
 */

type ClientResult<Method extends keyof ReleaseCoordinationApi> = Awaited<
  ReturnType<ReleaseCoordinationApi[Method]>
>;

/** `true` when each of the two types is assignable to the other. */
type Interchangeable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** Client methods that are not operations of the document (there should be none). */
type Undocumented = Exclude<keyof ReleaseCoordinationApi, keyof Operations>;

/** Operations whose answer the client types differently from the document. */
type Drifted = {
  [Method in keyof ReleaseCoordinationApi & keyof Operations]: Interchangeable<
    ClientResult<Method>,
    Operations[Method]['response']
  > extends true
    ? never
    : Method;
}[keyof ReleaseCoordinationApi & keyof Operations];

// Each line fails to compile with the names of the offending methods in the message.
export const everyClientMethodIsAnOperation: [Undocumented] extends [never]
  ? true
  : `not in the document: ${Undocumented}` = true;
export const clientAnswersAsDocumented: [Drifted] extends [never]
  ? true
  : `answers differently from the document: ${Drifted}` = true;
