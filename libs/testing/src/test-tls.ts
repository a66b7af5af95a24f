// A self-signed certificate for localhost and 127.0.0.1, valid until 2126, for tests of TLS paths
// (STARTTLS, requireTLS with credentials). TEST ONLY: the private key is public by being here.
// Regenerate: openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500 \
//   -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout key.pem -out cert.pem

export const TEST_TLS = {
  key: [
  '-----BEGIN PRIVATE KEY-----',
  'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgVFvX4ARYh6m7U8mq',
  'NEPtolvWJKaEa0oX8WCXmaKmPDyhRANCAASGxROg++2oE/Ft+QSHYwqC94Nn0ffA',
  '/reObvduXYslaqyITi9MoGXZqOUQWc46gbUQvG51FFYFb/ZfxLf/v8Oa',
  '-----END PRIVATE KEY-----',
].join('\n'),
  /** Also the CA a client must trust to accept it. */
  cert: [
  '-----BEGIN CERTIFICATE-----',
  'MIIBmjCCAUGgAwIBAgIUL1pZXMObCu1u4kfTEMyh2s0Opi0wCgYIKoZIzj0EAwIw',
  'FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTIwNzE5NTMzOFoYDzIxMjYxMTEz',
  'MTk1MzM4WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO',
  'PQMBBwNCAASGxROg++2oE/Ft+QSHYwqC94Nn0ffA/reObvduXYslaqyITi9MoGXZ',
  'qOUQWc46gbUQvG51FFYFb/ZfxLf/v8Oao28wbTAdBgNVHQ4EFgQUZTZsO7wp8HvV',
  '2/fYlHnr3z8iDSswHwYDVR0jBBgwFoAUZTZsO7wp8HvV2/fYlHnr3z8iDSswDwYD',
  'VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI',
  'zj0EAwIDRwAwRAIgXar9Hk95BEXOA6h28VM9BEcMoWPMb8a0hzqM+WPl/VYCIFRE',
  'U/8jRDfsbJFlDXlZnvZ7WZKjymWvMvGlyS/t+EaZ',
  '-----END CERTIFICATE-----',
].join('\n'),
} as const;
