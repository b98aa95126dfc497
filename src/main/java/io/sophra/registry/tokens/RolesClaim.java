package io.sophra.registry.tokens;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the roles from a verified token's claims: the claim named exactly as configured if the token
 * has one (names such as {@code https://example.com/roles} contain dots), else the dotted path
 * ({@code realm_access.roles}). The value must be an array of strings; a token without it has no roles.
 */
final class RolesClaim {

  static final int MAX_ROLES = 100;
  static final int MAX_ROLE_LENGTH = 256;

  private final String claim;
  private final String[] path;

  RolesClaim(String claim) {
    this.claim = claim;
    this.path = claim.split("\\.");
  }

  List<String> roles(JsonObject claims) {
    Object value = claims.containsKey(claim) ? claims.getValue(claim) : walk(claims);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array) || array.size() > MAX_ROLES) {
      throw invalid();
    }
    List<String> roles = new ArrayList<>(array.size());
    for (Object role : array) {
      if (!(role instanceof String name) || name.isEmpty() || name.length() > MAX_ROLE_LENGTH) {
        throw invalid();
      }
      roles.add(name);
    }
    return roles;
  }

  private Object walk(JsonObject claims) {
    Object node = claims;
    for (String segment : path) {
      if (!(node instanceof JsonObject object)) {
        return null;
      }
      node = object.getValue(segment);
    }
    return node;
  }

  private TokenRejected invalid() {
    return new TokenRejected("the roles claim '" + claim + "' must be an array of at most " + MAX_ROLES
        + " non-empty strings");
  }
}
