package dev.chat.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import dev.chat.message.Identity;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;

/** Names, rooms and roles where each provider puts them: Keycloak's, Okta's and Auth0's token shapes. */
class ClaimPathsTest {

    private static final long EXP = Instant.now().getEpochSecond() + 60;

    @Test
    void keycloakTokensAsTheyComeNameTheirUserRoomsAndRealmRole() throws Exception {
        Identity mod = identity(keycloakDefaults(), """
                {"sub": "4f1c", "preferred_username": "mod", "exp": %d, "rooms": ["wonderland", "tea-*"],
                 "realm_access": {"roles": ["offline_access", "moderator"]}}""");
        assertEquals("4f1c", mod.uid());
        assertEquals("mod", mod.name(), "preferred_username when there is no name");
        assertTrue(mod.moderator());
        assertTrue(mod.rooms().allows("tea-party"));
        assertFalse(mod.rooms().allows("lobby-2"));
    }

    @Test
    void aGroupMapperWithFullPathsNamesTheSameGroup() throws Exception {
        assertTrue(identity(keycloakDefaults(), """
                {"sub": "a", "exp": %d, "groups": ["/moderator"]}""").moderator());
        assertFalse(identity(keycloakDefaults(), """
                {"sub": "a", "exp": %d, "groups": ["/moderators"], "realm_access": {"roles": ["moderator-x"]}}""").moderator());
    }

    @Test
    void auth0NamespacedClaimsAreFoundWholeDespiteTheirDots() throws Exception {
        AuthConfig auth0 = paths("https://chat.example/rooms", List.of("https://chat.example/name", "nickname"),
                List.of("https://chat.example/roles"));
        Identity identity = identity(auth0, """
                {"sub": "auth0|17", "exp": %d, "nickname": "ally", "https://chat.example/rooms": "wonderland garden",
                 "https://chat.example/roles": ["moderator"]}""");
        assertEquals("ally", identity.name());
        assertTrue(identity.rooms().allows("garden"));
        assertTrue(identity.moderator());
    }

    @Test
    void oktaGroupsAndANestedPathThatIsMissingReadAsNothing() throws Exception {
        Identity identity = identity(paths("rooms", List.of("name"), List.of("groups", "resource_access.chat.roles")), """
                {"sub": "00u1", "exp": %d, "name": "Alice Liddell", "groups": ["Everyone"]}""");
        assertEquals("Alice Liddell", identity.name());
        assertFalse(identity.moderator());
        JsonWebToken token = token("""
                {"sub": "x", "exp": %d, "resource_access": {"chat": {"roles": ["moderator"]}}}""");
        assertEquals(List.of("moderator"), ClaimPaths.strings(token, "resource_access.chat.roles"));
        assertNull(ClaimPaths.at(token, "resource_access.other.roles"));
        assertNull(ClaimPaths.firstText(token, List.of("name", "preferred_username")));
    }

    private static Identity identity(AuthConfig claims, String json) throws Exception {
        return new IdentityClaims(claims).identity(token(json));
    }

    private static JsonWebToken token(String json) throws Exception {
        return new DefaultJWTCallerPrincipal(JwtClaims.parse(json.formatted(EXP)));
    }

    private static AuthConfig keycloakDefaults() {
        return paths("rooms", List.of("name", "preferred_username"), List.of("groups", "realm_access.roles"));
    }

    private static AuthConfig paths(String roomsClaim, List<String> names, List<String> roles) {
        return new AuthConfig() {
            @Override
            public Mode mode() {
                return Mode.TOKEN;
            }

            @Override
            public String roomsClaim() {
                return roomsClaim;
            }

            @Override
            public List<String> nameClaims() {
                return names;
            }

            @Override
            public List<String> roleClaims() {
                return roles;
            }

            @Override
            public List<String> publicRooms() {
                return List.of("lobby");
            }

            @Override
            public String moderatorGroup() {
                return "moderator";
            }

            @Override
            public int connectionsPerUser() {
                return 10;
            }

            @Override
            public Optional<String> tokenUrl() {
                return Optional.empty();
            }
        };
    }
}
