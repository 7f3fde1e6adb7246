// Requests for information: recording, approving, supplying and confirming them.
import type { Handlers } from '../context';
import { accessPack } from './access-pack';
import { handoverOptions, supplyRequest } from './handover';
import { closeCorrected, confirmRequest, createRequest, decideRequest, listRequests } from './requests.service';

export const handlers: Handlers<'requests'> = {
  'requests.create': createRequest,
  'requests.decide': decideRequest,
  'requests.list': listRequests,
  'requests.options': handoverOptions,
  'requests.supply': supplyRequest,
  'requests.confirm': confirmRequest,
  'requests.closeCorrected': closeCorrected,
  'requests.accessPack': accessPack,
};
