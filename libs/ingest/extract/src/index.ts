export { decodeHtml } from './decode';
