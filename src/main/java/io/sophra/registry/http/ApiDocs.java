package io.sophra.registry.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import org.webjars.WebJarVersionLocator;

/**
 * The API page at {@code /docs}: Swagger UI over {@code /openapi.yaml}, open like the document
 * itself. Everything it loads comes from this jar: the page and its start script from
 * {@value #OWN_FILES} on the classpath, Swagger UI's files from the {@code org.webjars:swagger-ui}
 * jar. A Content-Security-Policy keeps the page to this origin, so it fetches nothing from
 * elsewhere and runs no script that did not come from here.
 */
final class ApiDocs {

  static final String PATH = "/docs";

  /** Classpath folder of the page and the script that points Swagger UI at the document. */
  static final String OWN_FILES = "model-registry-docs";

  /**
   * Scripts, styles, fonts and calls from this origin only; images may also be {@code data:} URLs
   * (Swagger UI's stylesheet draws its icons with them); no frames, plugins, or form posts.
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
      + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private ApiDocs() {
  }

  /** Adds the page's routes; fails when the Swagger UI webjar is not on the classpath. */
  static void mount(Router router) {
    String swaggerUi = swaggerUiFiles();
    router.route(PATH).method(HttpMethod.GET).handler(ApiDocs::toPage); // Vert.x: also /docs/
    router.route(PATH + "/*").handler(ApiDocs::secureHeaders);
    router.route(PATH + "/*").handler(StaticHandler.create(OWN_FILES));
    router.route(PATH + "/*").handler(StaticHandler.create(swaggerUi));
  }

  private static String swaggerUiFiles() {
    String version = new WebJarVersionLocator().version("swagger-ui");
    if (version == null) {
      throw new IllegalStateException("the org.webjars:swagger-ui jar is not on the classpath");
    }
    return WebJarVersionLocator.WEBJARS_PATH_PREFIX + "/swagger-ui/" + version;
  }

  /** {@code /docs} → {@code /docs/}, so the page's relative links resolve under {@code /docs/}. */
  private static void toPage(RoutingContext ctx) {
    if (ctx.request().path().equals(PATH)) {
      ctx.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, PATH + "/").end();
    } else {
      ctx.next();
    }
  }

  private static void secureHeaders(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer");
    ctx.next();
  }
}
