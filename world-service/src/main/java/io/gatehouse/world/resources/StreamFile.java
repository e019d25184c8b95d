package io.gatehouse.world.resources;

/**
 * One auto-scanned file under a resource's {@code stream/} folder, as FXServer's ResourceStreamComponent records it.
 *
 * <p>FXServer sets {@code rscFlags} to the file size for every file (sic), and fills version and page flags from
 * an RSC7 header ({@code RSC\x05} stores its version as the physical pages value, also sic); non-resource files
 * keep version 0 and omit the page fields in JSON.
 */
public record StreamFile(ServedFile file, long rscFlags, long rscVersion, boolean isResource,
                         long rscPagesVirtual, long rscPagesPhysical) {}
