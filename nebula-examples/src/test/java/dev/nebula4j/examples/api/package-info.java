/**
 * The public API signature check: {@link dev.nebula4j.examples.api.PublicApiTest} renders the
 * API of nebula-cert and nebula-core ({@link dev.nebula4j.examples.api.ApiSignature}) and compares
 * it with the checked-in {@code nebula-cert/api/nebula-cert.api} and {@code
 * nebula-core/api/nebula-core.api}, so every API change shows up in review. It lives in
 * nebula-examples because this module sees both libraries as a user does: as jars with their
 * module descriptors.
 */
package dev.nebula4j.examples.api;
