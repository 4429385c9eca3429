// The page's script: Redoc (renderer/bundle.mjs) renders the description and the options that the
// script before this one defines (build.mjs), in the browser, into <div id="redoc">, with a hash router
// (#/vpc-endpoints/createendpoint), as Redoc's own `init` does.
/* global __redoc_definition, __redoc_options */
import { init } from "redoc-standalone";

init(__redoc_definition, __redoc_options, document.getElementById("redoc"));
