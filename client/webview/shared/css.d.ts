// Stylesheets imported for their side effect; esbuild emits them beside the panel's script.
declare module '*.css';
