// What Redoc's bundle gets in place of its copies of React, ReactDOM, react-dom/client and the JSX
// runtime (patches.mjs): preact/compat, the same API in some 20 kB instead of 190 kB. The browser test
// checks that Redoc works on it.
import * as compat from "preact/compat";
import * as client from "preact/compat/client";
import * as jsxRuntime from "preact/jsx-runtime";

export const React = { ...compat };
export const ReactDOM = { ...compat };
export const ReactDOMClient = { ...client };
export const JSXRuntime = { ...jsxRuntime };
