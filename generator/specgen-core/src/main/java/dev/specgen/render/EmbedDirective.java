package dev.specgen.render;

import dev.specgen.plan.SqlObject;
import freemarker.core.Environment;
import freemarker.template.TemplateDirectiveBody;
import freemarker.template.TemplateDirectiveModel;
import freemarker.template.TemplateException;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNumberModel;
import freemarker.template.utility.DeepUnwrap;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code <@embed object=statement indent=8/>}: renders a plan record through its own template and writes it indented
 * by {@code indent} spaces (every line), so a function's template places the statements it runs without knowing
 * their SQL. No trailing newline.
 */
final class EmbedDirective implements TemplateDirectiveModel {
    private final Function<SqlObject, String> render;

    EmbedDirective(Function<SqlObject, String> render) {
        this.render = render;
    }

    @Override
    public void execute(Environment env, @SuppressWarnings("rawtypes") Map params, TemplateModel[] loopVars,
            TemplateDirectiveBody body) throws TemplateException, IOException {
        Object o = params.get("object") == null ? null : DeepUnwrap.unwrap((TemplateModel) params.get("object"));
        if (!(o instanceof SqlObject obj)) {
            throw new TemplateModelException("embed: object must be a plan record, found " + o);
        }
        int indent = params.get("indent") instanceof TemplateNumberModel n ? n.getAsNumber().intValue() : 0;
        String pad = " ".repeat(indent);
        String[] lines = render.apply(obj).split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            out.append(i == 0 ? "" : "\n").append(lines[i].isEmpty() ? "" : pad + lines[i]);
        }
        env.getOut().write(out.toString());
    }
}
