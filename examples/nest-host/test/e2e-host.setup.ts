// The end-to-end suite of @wxlogin/e2e-suite (listed in jest.config.js's roots) runs against the
// example.
import { registerHost } from '@wxlogin/e2e-suite';
import { EXAMPLE_HOST } from './example-host';

registerHost(EXAMPLE_HOST);
