// Swagger UI over this node's OpenAPI document (served beside this page), calls tried against this
// node. The document declares the bearer scheme, so "Authorize" takes a token for the /v1 calls.
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '../openapi.yaml',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    validatorUrl: null,
    displayOperationId: true,
    defaultModelsExpandDepth: 0
  });
});
