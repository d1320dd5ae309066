/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.css';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by Taro for every build; tests run with it unset. */
    NODE_ENV?: 'development' | 'production' | 'test';
    /** The platform Taro builds for (`taro build --type …`); unset under Jest. */
    TARO_ENV?: 'weapp' | 'h5';
    /**
     * The mini-program's AppID (public). Taro writes it into dist/project.config.json and the
     * bundle sends it with the login request so the API can pick the right app; empty ⇒ the API's
     * default app.
     */
    TARO_APP_ID?: string;
    /** Absolute base URL of the wxlogin API for the weapp build (default http://127.0.0.1:3000). */
    TARO_APP_API_BASE?: string;
  }
}
