// The end-to-end suite of @wxlogin/e2e-suite (listed in jest.config.js's roots) runs against this API.
import { registerHost } from '@wxlogin/e2e-suite';
import { API_HOST } from './support/api-host';

registerHost(API_HOST);
