// What renderer/bundle.mjs changes in Redoc's standalone bundle before it bundles it again (ADR 0015).
//
// The bundle is redoc.standalone.js of Redoc 3.0.1, the file that @redocly/cli 2.77.0 ships and that
// `redocly build-docs` used to inline: one minified script with Redoc, React, react-router and
// styled-components. Its code is minified, so every change below is a piece of its text, found exactly
// once, and the file itself is pinned by its SHA-256: an upgrade of @redocly/cli stops the build here,
// and the patches are made anew for the new file (search it for the unminified strings quoted in the
// comments; the names around them change, the strings do not).
//
// The changes take out what this page never runs, so that the bundler can drop the code behind it:
// the loading of a spec by URL, from YAML or GraphQL SDL, the bundling of external $refs, Swagger 2 and
// AsyncAPI conversion, the AsyncAPI, GraphQL and MCP renderers, the search worker's second copy of
// FlexSearch, and OpenTelemetry (the page turns telemetry off). They swap React for preact/compat, and
// they give the guides' code blocks Redoc's highlighted code block.

/** The standalone bundle in @redocly/cli, relative to its package.json. */
export const standalone = {
  path: "lib/chunks/redoc.standalone.js",
  version: "3.0.1",
  sha256: "8c70c2de83d33e33a75b225e573d6d9fe851f066f824b44b1637d831d52d7543",
};

/** The names styled-components' `css`, `styled`, `keyframes` and `createGlobalStyle` have in the bundle. */
export const cssTags = ["I", "L", "Xi", "Yi"];

/**
 * Templates that put together names starting with `--` alone (see css.mjs), by their text, with the
 * custom properties they can name: the typography of the headings (`--${"h1"…"h6"}-${"font-size"…}`,
 * from the only calls of that helper, without the fallback prefix), and nothing for the others, which
 * are HTML comments, multipart boundaries and class names.
 * @type {Record<string, RegExp[]>}
 */
export const constructedNames = {
  "`--${e}-${i}`": [/^--h[1-6]-(?:font-size|font-weight|font-family|line-height|text-color|text-transform)$/],
  "`,var(--${t}-${i})`": [],
  "`<!--${i}-->`": [],
  "`<!--${v_(e)}-->`": [],
  "`<!--${t}-->`": [],
  "`--${e}\\r\\n${t}`": [],
  "`\\r\\n--${W_}--`": [],
  '`<pre class="th-code th-code--${N4(n.lang)}${t.lineNumbers?` th-code--line-numbers`:``}" data-language="${N4(n.lang)}"><code>${r}</code></pre>`': [],
  '`<code class="th-code th-code--${s}" data-language="${s}">${o}</code>`': [],
};

/** The modules of React in the bundle, each replaced by what react-compat.js exports in its stead. */
const react = [
  ["React", "f=s(((e,t)=>{t.exports=d()}))"],
  [
    "ReactDOM",
    "g=s(((e,t)=>{function n(){if(!(typeof __REACT_DEVTOOLS_GLOBAL_HOOK__>`u`||typeof __REACT_DEVTOOLS_GLOBAL_HOOK__.checkDCE!=`function`))try{__REACT_DEVTOOLS_GLOBAL_HOOK__.checkDCE(n)}catch(e){console.error(e)}}n(),t.exports=h()}))",
  ],
  [
    "ReactDOMClient",
    "v=s(((e,t)=>{function n(){if(!(typeof __REACT_DEVTOOLS_GLOBAL_HOOK__>`u`||typeof __REACT_DEVTOOLS_GLOBAL_HOOK__.checkDCE!=`function`))try{__REACT_DEVTOOLS_GLOBAL_HOOK__.checkDCE(n)}catch(e){console.error(e)}}n(),t.exports=_()}))",
  ],
  ["JSXRuntime", "Ec=s(((e,t)=>{t.exports=Tc()}))"],
];

/** The name under which the patched bundle imports react-compat.js. */
export const compatImport = "__otcReactCompat";

/** @type {Array<{ name: string, find: string, replace: string }>} */
export const patches = [
  ...react.map(([name, find]) => ({
    name: `${name}: preact/compat`,
    find: find ?? "",
    replace: `${(find ?? "").slice(0, (find ?? "").indexOf("=") + 1)}s(((e,t)=>{t.exports=${compatImport}.${name}}))`,
  })),
  {
    // prepareApiDocs → the loader: "Either \"spec\" or \"specUrl\" must be provided". The page hands Redoc
    // the description as an object, already bundled (skipBundle, as build-docs did).
    name: "load: an object only",
    find: "async function PHe({spec:e,specUrl:t,skipBundle:n}){if(typeof e==`string`){let t=e.replace(/^\\uFEFF/,``),r=OHe(t);return r?U9(r,n):V9(t)}if(e!==void 0)return U9(e,n);if(t!==void 0)return NHe(t,n);throw new Ij(`unsupported`,`Either \"spec\" or \"specUrl\" must be provided`)}",
    replace: "async function PHe({spec:e,skipBundle:n}){if(!q(e)||!n)throw new Ij(`unsupported`,`This build of Redoc renders an OpenAPI description given as an object, with skipBundle`);return U9(e,n)}",
  },
  {
    name: "load: no bundling of $refs",
    find: "async function U9(e,t){return W9({document:t?e:await B9(e),type:z9(e)})}",
    replace: "async function U9(e,t){return W9({document:e,type:z9(e)})}",
  },
  {
    // The conversion of Swagger 2 and AsyncAPI 2 documents ("convertedFrom").
    name: "load: OpenAPI 3 only",
    find: "function W9(e){let{document:t}=e;if(!q(t))return e;if(t.swagger!==void 0)return{...e,document:oHe(t),convertedFrom:String(t.swagger)};if(e.type!==th.ASYNCAPI)return e;let n=String(t.asyncapi),r=pHe(AHe(t));return{...e,document:r,convertedFrom:n.startsWith(`2.`)?n:void 0}}",
    replace: "function W9(e){if(e.type!==th.OPENAPI||!/^3\\./.test(String(e.document.openapi)))throw new Ij(`unsupported`,`This build of Redoc renders OpenAPI 3 only`);return e}",
  },
  {
    // "processAsyncApiDocument", "processGraphqlDocument"
    name: "items: OpenAPI only",
    find: "else if(aFe(e)){let{processAsyncApiDocument:t}=await Promise.resolve().then(()=>(NNe(),jNe));r=t({...e,options:n})}else if(oFe(e)){let{processGraphqlDocument:t}=await Promise.resolve().then(()=>(nFe(),$Pe));r=t({...e,options:n})}",
    replace: "",
  },
  {
    // "Copy for LLM": the YAML of an operation, not the slices of GraphQL ("extractGraphqlSlice") or AsyncAPI.
    name: "copy for LLM: no GraphQL",
    find: "case th.GRAPHQL:{if(typeof t!=`string`)return;if(n.kind===`document`)return t;let{extractGraphqlSlice:e}=await Promise.resolve().then(()=>(hxe(),lxe));return e(t,n)}",
    replace: "",
  },
  {
    // A fix, not a removal: Redoc 3.0.1 copies a tag only with its operations, so the "Copy" of a guide
    // (a tag with x-traitTag and none) threw `Copy for LLM: no content produced for "/getting-started"`.
    // Here a tag copies as itself, its description (the guide) included, with whatever operations it has.
    name: "copy for LLM: a tag without operations (a guide)",
    find: "else if(t.kind===`tag`){if(a=mJ(e,e.paths,t.tagName,!1),o=mJ(e,i,t.tagName,!0),a.size===0&&o.size===0)return}else return;let s=new Set;",
    replace: "else if(t.kind===`tag`){a=mJ(e,e.paths,t.tagName,!1),o=mJ(e,i,t.tagName,!0)}else return;let s=new Set(t.kind===`tag`?[t.tagName]:[]);",
  },
  {
    // The copy's preamble ("limited to the \"Getting started\" operations"), for a tag that may have none.
    name: "copy for LLM: a tag is a tag",
    find: "case`tag`:return`the \"${e.tagName}\" operations`;",
    replace: "case`tag`:return`the \"${e.tagName}\" tag`;",
  },
  {
    name: "copy for LLM: no AsyncAPI",
    find: "case th.ASYNCAPI:if(q(t)){let e=aye(t,n);if(e)return Wq(e.document,{noRefs:!0,lineWidth:-1})}return;default:return}}",
    replace: "default:return}}",
  },
  {
    // The search builds its index on the page ("worker:!1") rather than in a worker made from a second,
    // textual copy of FlexSearch ("FlexSearch.js v0.8.212 (Bundle)") through Function() and a blob: URL.
    name: "search: no worker",
    find: "function ZDe(){if(typeof window>`u`||typeof Worker>`u`)return!1;let e=globalThis;try{return e._factory??=Function(XDe),!0}catch{return!1}}",
    replace: "function ZDe(){return!1}",
  },
  {
    // The telemetry client ("https://otel.cloud.redocly.com/v1/traces", "redoc-ce"), with OpenTelemetry's
    // SDK behind it. The page turns telemetry off (disableTelemetry); this client does nothing at all.
    name: "telemetry: a client that sends nothing",
    find: "mj=class extends sce{specType;beforeSend;typeOfUsage;constructor(e){super(),this.specType=e.specType,this.beforeSend=e.beforeSend,this.typeOfUsage=e.typeOfUsage??`react`,this.init({otel:{isProd:!0,serviceVersion:e.serviceVersion||`${uj.name}@${uj.version}`,version:`1.0.0`,collectorTraceUrl:e.collectorUrl||lce,serviceName:e.serviceName||`redoc-ce`,tracerName:`client-telemetry`},disabled:e.disabled??!1}),this.updateCloudEventData(()=>({source:uce,origin:`redocUi`,signal:`log`}))}send(e,t){if(Array.isArray(t)){let n=this.specType,r=n?t.map(e=>e&&typeof e==`object`?{...e,specType:n}:e):[...t];if(r=cce(e,r),this.beforeSend?.(e,r)===!1)return;t=r}super.send(e,t,{env:`production`})}}",
    replace: "mj=class{constructor(e={}){this.specType=e.specType,this.typeOfUsage=e.typeOfUsage??`react`;return new Proxy(this,{get:(t,n)=>n in t?t[n]:typeof n==`string`&&n.startsWith(`send`)?()=>{}:void 0})}send(){}init(){}updateCloudEventData(){}startSpan(){}withTracer(){return this}forceFlush(){return Promise.resolve()}shutdown(){return Promise.resolve()}}",
  },
  {
    // The blocks of an item's panels by kind: no brokers, bindings or message references (AsyncAPI),
    // GraphQL samples or MCP examples.
    name: "blocks: OpenAPI only",
    find: "she={[G.DOWNLOAD]:jue,[G.SERVERS]:ode,[G.BROKERS]:vfe,[G.CHANNEL_BINDING]:Afe,[G.OPERATION_BINDING]:Pfe,[G.MESSAGE_BINDING]:Lfe,[G.MESSAGE_REFERENCES]:Bfe,[G.PAYLOAD]:pL,[G.CODE_SAMPLE]:pL,[G.CALLBACK_PAYLOAD]:pL,[G.RESPONSE]:pL,[G.GRAPHQL_QUERY]:pL,[G.GRAPHQL_RESPONSE]:pL,[G.GRAPHQL_VARIABLES]:pL,[G.GRAPHQL_TYPE_SAMPLE]:pL,[G.REFERENCES]:Qme,[G.LOCATIONS]:rhe,[G.GROUP_ITEMS]:Jfe,[G.MCP_EXAMPLE]:Xme}",
    replace: "she={[G.DOWNLOAD]:jue,[G.SERVERS]:ode,[G.PAYLOAD]:pL,[G.CODE_SAMPLE]:pL,[G.CALLBACK_PAYLOAD]:pL,[G.RESPONSE]:pL,[G.REFERENCES]:Qme,[G.LOCATIONS]:rhe,[G.GROUP_ITEMS]:Jfe}",
  },
  {
    name: "panels: no GraphQL",
    find: 'var wme={"code-sample":nme,"callback-payload":Ype,response:Cme,payload:lL,"graphql-query":gme,"graphql-response":_me,"graphql-type-sample":vme,"graphql-variables":yme}',
    replace: 'var wme={"code-sample":nme,"callback-payload":Ype,response:Cme,payload:lL}',
  },
  {
    // The sections of an item by variant: no AsyncAPI messages, no GraphQL fields, arguments, return and
    // possible types, implements and implemented-by.
    name: "item sections: OpenAPI only",
    find: "case`messages`:return(0,V.jsx)(jSe,{node:e});case`callback`:return(0,V.jsx)(GSe,{node:e});case`graphql-fields`:return(0,V.jsx)(qCe,{node:e});case`graphql-args`:return(0,V.jsx)(u1,{node:e});case`return-type`:return(0,V.jsx)(JCe,{node:e});case`possible-types`:return(0,V.jsx)(XCe,{node:e});case`implements`:return(0,V.jsx)(ZCe,{node:e});case`implemented-by`:return(0,V.jsx)(QCe,{node:e});",
    replace: "case`callback`:return(0,V.jsx)(GSe,{node:e});",
  },
  {
    // The nodes of the content by type: no AsyncAPI channel addresses and message links.
    name: "content nodes: OpenAPI only",
    find: "[W.EXTERNAL_DOCS]:vwe,[W.CHANNEL_ADDRESS]:xwe,[W.MESSAGE_LINKS]:Ewe,",
    replace: "[W.EXTERNAL_DOCS]:vwe,",
  },
  {
    // The icons beside the languages of the code samples: those of the languages in redocly.yaml
    // (curl for Shell, the JSON one for Payload); TypeScript has none in Redoc.
    name: "sample icons: the page's languages",
    find: "Kpe={payload:(0,V.jsx)(PI,{}),json:(0,V.jsx)(PI,{}),curl:(0,V.jsx)(jI,{}),bash:(0,V.jsx)(jI,{}),csharp:(0,V.jsx)(MI,{}),csharpnewtonsoft:(0,V.jsx)(MI,{}),node:(0,V.jsx)(Npe,{}),javascript:(0,V.jsx)(Ppe,{}),python:(0,V.jsx)(Fpe,{}),r:(0,V.jsx)(Ipe,{}),ruby:(0,V.jsx)(Lpe,{}),php:(0,V.jsx)(Rpe,{}),go:(0,V.jsx)(zpe,{}),java:(0,V.jsx)(NI,{}),java8:(0,V.jsx)(NI,{})}",
    replace: "Kpe={payload:(0,V.jsx)(PI,{}),json:(0,V.jsx)(PI,{}),curl:(0,V.jsx)(jI,{}),bash:(0,V.jsx)(jI,{})}",
  },
  {
    // The highlighter's languages: Redoc's first 26 (ts, js, json, shell, http, yaml, html/xml,
    // markdown, diff, css, sql, python, ...), not the second list (C, C++, C#, Go, Java, Kotlin, ...).
    name: "highlighting: the common languages",
    find: "XAe=w4({languages:[...K4,...YAe]})",
    replace: "XAe=w4({languages:K4})",
  },
  {
    // The components of Redoc's Markdoc: no MCP tags; a CodeFence, Redoc's code block (the one of the
    // code samples: highlighted, with a copy button), for the fenced code of the guides, which Redoc
    // renders as plain <pre> otherwise.
    name: "markdown: no MCP tags, highlighted code fences",
    find: "var Ohe={SchemaDefinition:ghe,McpTool:whe,McpResource:Ehe,McpPrompt:(0,B.memo)(Dhe),Heading:bhe}",
    replace: "var Ohe={SchemaDefinition:ghe,Heading:bhe,CodeFence:({content:e,language:t})=>(0,V.jsx)(yC,{lang:t||`plaintext`,source:e.replace(/\\n$/,``),dataTestId:`guide-code`,header:{controls:{copy:{}}}})}",
  },
  {
    name: "markdown: fences as CodeFence",
    find: "var $z={table:{",
    replace: "var $z={fence:{attributes:{content:{type:String,required:!0},language:{type:String}},transform(e){return new Wz.Tag(`CodeFence`,{content:e.attributes.content,language:e.attributes.language},[])}},table:{",
  },
];
