/** REST APIs (API Gateway v1) and HTTP APIs (v2) accept different extensions and values. */
export type Dialect = 'rest' | 'http';
