import { z } from 'zod';
import { ByIdInput, EditTimes, Id, lineText, optionalLine, optionalText, patchOf, shortText, text } from './common';

export const operatorRoles = [
  'importer',
  'exporter',
  'customs_broker',
  'freight_forwarder',
  'carrier',
  'warehouse_operator',
  'manufacturer',
] as const;
export const OperatorRole = z.enum(operatorRoles);

const operatorFields = {
  legalName: shortText(300),
  identificationNumber: shortText(64),
  roles: z.array(OperatorRole).min(1).max(operatorRoles.length),
  address: optionalText(1000),
  contactPerson: optionalLine(200),
  phone: text().trim().max(50).regex(/^[+0-9 ()\-./]*$/, 'digits, spaces and + ( ) - . / only').default(''),
  email: z.union([z.literal(''), z.email().max(254)]).default(''),
};

export const OperatorDraft = z.strictObject(operatorFields);
export type OperatorDraft = z.input<typeof OperatorDraft>;

export const Operator = z.strictObject({
  id: Id,
  ...operatorFields,
  legalName: text(),
  identificationNumber: text(),
  ...EditTimes,
});
export type Operator = z.infer<typeof Operator>;

export const OperatorUpdate = z.strictObject({
  id: Id,
  patch: patchOf(operatorFields),
});

export const operatorsContract = {
  'operators:create': { input: OperatorDraft, output: Operator },
  'operators:list': {
    input: z.strictObject({ query: lineText(200).optional() }),
    output: z.array(Operator),
  },
  'operators:get': { input: ByIdInput, output: Operator },
  'operators:update': { input: OperatorUpdate, output: Operator },
} as const;
