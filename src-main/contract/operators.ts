import { z } from 'zod';
import { ByIdInput, EditTimes, Id, optionalEmail, optionalLine, optionalPhone, optionalText, patchOf, SearchInput, shortText, text } from './common';

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
  phone: optionalPhone(),
  email: optionalEmail(),
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
    input: SearchInput,
    output: z.array(Operator),
  },
  'operators:get': { input: ByIdInput, output: Operator },
  'operators:update': { input: OperatorUpdate, output: Operator },
} as const;
