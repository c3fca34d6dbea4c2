/**
 * The store-owned catalogues an import checks rows against (attributes; products, channels and groups),
 * registered with the active-catalogue refresh. A process that imports without the API's routers (the
 * CLI, the import thread) imports this, then calls `refreshActive(db)`.
 */
import '../attributes/store.js';
import '../catalogue/store.js';
