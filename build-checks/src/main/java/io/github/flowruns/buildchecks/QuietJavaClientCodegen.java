package io.github.flowruns.buildchecks;

import io.swagger.v3.oas.models.OpenAPI;
import org.openapitools.codegen.languages.JavaClientCodegen;

/**
 * The pinned generator's {@code java} generator, less the donation banner it prints after every
 * generation. openapi-generator 7.17.0 writes that banner in {@code DefaultCodegen.postProcess()}
 * straight to {@code System.out}, with no option, property or log level that silences it, so
 * {@code ./mvnw -q package} printed it once per vendor module. This class changes nothing else:
 * same name ({@code java}), templates, libraries and options, and the same generated code (the
 * {@code @Generated} annotation still names {@code JavaClientCodegen}). sdk-vendor-parent names it
 * as the generator, the class loaded from this module through the plugin's dependencies.
 *
 * <pre>{@code <generatorName>io.github.flowruns.buildchecks.QuietJavaClientCodegen</generatorName>}</pre>
 */
public class QuietJavaClientCodegen extends JavaClientCodegen {
  /** Creates the generator; the plugin does, by class name. */
  public QuietJavaClientCodegen() {
    super();
  }

  /**
   * Names the upstream generator class in {@code @Generated}: the generator sets that property to
   * this class's name just before it calls this method, and the generated code must not depend on
   * how the build silences a banner.
   *
   * @param openAPI the document being generated
   */
  @Override
  public void processOpenAPI(OpenAPI openAPI) {
    super.processOpenAPI(openAPI);
    additionalProperties().put("generatorClass", JavaClientCodegen.class.getName());
  }

  /** Prints nothing: the inherited method's only work is the banner on standard output. */
  @Override
  public void postProcess() {
    // Deliberately empty (see the class comment).
  }
}
