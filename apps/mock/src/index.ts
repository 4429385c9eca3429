export { startMock, startProxy, type ProxyOptions, type RunningMock } from "./mock.js";
export { MockError, bundledSpecPath, type MockOptions } from "./options.js";
