package io.sophra.registry.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The roles claim: a name or a dotted path, an array of strings")
class RolesClaimTest {

  @Test
  @DisplayName("A dotted path reads nested objects; a claim literally named with dots is read as it is")
  void paths() {
    JsonObject keycloak = new JsonObject().put("realm_access", new JsonObject().put("roles", new JsonArray().add("reader")));
    JsonObject auth0 = new JsonObject().put("https://sophra.io/roles", new JsonArray().add("admin"));

    assertThat(new RolesClaim("realm_access.roles").roles(keycloak)).containsExactly("reader");
    assertThat(new RolesClaim("https://sophra.io/roles").roles(auth0)).containsExactly("admin");
    assertThat(new RolesClaim("roles").roles(keycloak)).isEmpty();
    assertThat(new RolesClaim("realm_access.roles").roles(new JsonObject().put("realm_access", "x"))).isEmpty();
  }

  @Test
  @DisplayName("Anything but an array of at most 100 non-empty strings is refused")
  void shapes() {
    RolesClaim claim = new RolesClaim("roles");
    for (Object value : List.of("admin", 1, new JsonObject(), new JsonArray().add(1), new JsonArray().add(""),
        new JsonArray(Collections.nCopies(101, "r")))) {
      assertThatThrownBy(() -> claim.roles(new JsonObject().put("roles", value))).as(String.valueOf(value))
          .isInstanceOf(TokenRejected.class);
    }
    assertThat(claim.roles(new JsonObject().put("roles", new JsonArray(Collections.nCopies(100, "r"))))).hasSize(100);
  }
}
