import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { type AnyRecord, asString, errorMessage } from './bundle-values';
import {
  checkDomainEntry,
  checkRequestMethod,
  checkRequestUrl,
  PlatformRuleError,
} from './platform-rules';
import { type ProblemLog } from './problem-log';
import { type TempFiles } from './temp-files';

/** One request the bundle made through wx.request or wx.uploadFile, and how it ended. */
export interface SentRequest {
  api: 'request' | 'uploadFile';
  method: string;
  url: string;
  status?: number;
  refused?: string;
}

export interface WxNetworkOptions {
  /** The request-domain list of the app (https origins). */
  requestDomains: string[];
  /** The uploadFile-domain list (https origins). */
  uploadFileDomains: string[];
  /** Where each listed origin really is, e.g. `https://api.wxlogin.test` → `http://127.0.0.1:4000`. */
  resolveOrigin: Record<string, string>;
  /** Where every request the bundle makes is recorded, in order. */
  requests: SentRequest[];
  /** The files wx.uploadFile may send. */
  tempFiles: TempFiles;
  problems: ProblemLog;
}

/**
 * wx.request and wx.uploadFile under the domain lists and the method list, sent to the local server
 * each listed origin stands for. The domain lists are checked as the WeChat console checks them.
 */
export class WxNetwork {
  private readonly requestDomains: Set<string>;
  private readonly uploadFileDomains: Set<string>;

  constructor(private readonly options: WxNetworkOptions) {
    this.requestDomains = new Set(options.requestDomains.map(checkDomainEntry));
    this.uploadFileDomains = new Set(options.uploadFileDomains.map(checkDomainEntry));
  }

  async request(args: AnyRecord): Promise<AnyRecord> {
    const sent: SentRequest = {
      api: 'request',
      method: asString(args.method, 'GET'),
      url: asString(args.url),
    };
    this.options.requests.push(sent);
    try {
      sent.method = checkRequestMethod(args.method);
      const { origin } = checkRequestUrl('request', sent.url, this.requestDomains);
      const target = this.resolve(origin, sent.url);
      const headers = { ...(args.header as Record<string, string> | undefined) };
      const hasBody = args.data !== undefined && sent.method !== 'GET';
      if (hasBody && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['content-type'] = 'application/json';
      }
      const response = await fetch(target, {
        method: sent.method,
        headers,
        body: hasBody ? JSON.stringify(args.data) : undefined,
      });
      sent.status = response.status;
      const body = await response.text();
      let data: unknown = body;
      if (args.dataType !== 'text' && body) {
        try {
          data = JSON.parse(body) as unknown;
        } catch {
          data = body;
        }
      }
      return {
        statusCode: response.status,
        data,
        header: Object.fromEntries(response.headers),
      };
    } catch (error) {
      this.recordRefusal(sent, error);
      throw error;
    }
  }

  async uploadFile(args: AnyRecord): Promise<AnyRecord> {
    const sent: SentRequest = { api: 'uploadFile', method: 'POST', url: asString(args.url) };
    this.options.requests.push(sent);
    try {
      const { origin } = checkRequestUrl('uploadFile', sent.url, this.uploadFileDomains);
      const file = this.options.tempFiles.fileOf(String(args.filePath));
      if (!file)
        throw new PlatformRuleError(`uploadFile:fail file not found: ${String(args.filePath)}`);
      const form = new FormData();
      form.append(
        String(args.name),
        new Blob([await readFile(file)], { type: 'image/png' }),
        basename(file),
      );
      const response = await fetch(this.resolve(origin, sent.url), {
        method: 'POST',
        headers: args.header as Record<string, string> | undefined,
        body: form,
      });
      sent.status = response.status;
      return { statusCode: response.status, data: await response.text() };
    } catch (error) {
      this.recordRefusal(sent, error);
      throw error;
    }
  }

  /** Marks `sent` as failed; a platform rule it broke is also a problem of the app. */
  private recordRefusal(sent: SentRequest, error: unknown): void {
    sent.refused = errorMessage(error);
    if (error instanceof PlatformRuleError) this.options.problems.record(error.message);
  }

  private resolve(origin: string, url: string): string {
    const local = this.options.resolveOrigin[origin];
    if (!local) throw new Error(`the host knows no local server for ${origin}`);
    return `${local}${url.slice(origin.length)}`;
  }
}
