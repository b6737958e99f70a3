package dev.specgen.render;

import dev.specgen.Parallel;
import dev.specgen.plan.PlannedFile;
import dev.specgen.plan.SchemaPlan;
import dev.specgen.plan.SqlObject;
import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.Environment;
import freemarker.core.TemplateClassResolver;
import freemarker.ext.beans.ZeroArgumentNonVoidMethodPolicy;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.ObjectWrapper;
import freemarker.template.Template;
import freemarker.template.TemplateDirectiveBody;
import freemarker.template.TemplateDirectiveModel;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateModelIterator;
import freemarker.template.TemplateScalarModel;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Plan in, text out (MapStruct ModelWriter): one FreeMarker configuration, built once and never changed; one
 * template per plan record ({@code create_table.ftl} renders {@link SqlObject.CreateTable}). Templates come from the
 * jar ({@code templates/postgres} in the repository) unless an override folder holds one of the same name.
 */
public final class Renderer {
    static final String DIALECT = "postgres";
    public static final String INSTALL_FILE = "install.sql";
    static final String CONCURRENT_NOTE =
            "Contains CREATE INDEX CONCURRENTLY: run it outside a transaction block (no psql --single-transaction).";

    private final Configuration cfg;
    /**
     * Templates by name, loaded once per renderer (for the built-in templates once per JVM: {@link #of}): FreeMarker's
     * own cache looks each name up through the template loaders again, and checks the files for changes every few
     * seconds, on every call.
     */
    private final Map<String, Template> templates = new ConcurrentHashMap<>();

    public Renderer(Optional<Path> overrides) {
        this.cfg = configure(overrides, this::embedded);
    }

    /**
     * The renderer of the built-in templates, one per JVM, so that a template is parsed once per JVM rather than
     * once per run (a CLI run's are parsed on the {@link dev.specgen.Preload} thread while the specs are read and
     * planned); a new one for {@code overrides}. Templates and configuration are only read after set-up, which
     * FreeMarker allows from any number of threads.
     */
    public static Renderer of(Optional<Path> overrides) {
        return overrides.isPresent() ? new Renderer(overrides) : BuiltIn.RENDERER;
    }

    private static final class BuiltIn {
        static final Renderer RENDERER = new Renderer(Optional.empty());
    }

    /**
     * The object wrapper's settings: plan records are read as {@code ${obj.name}}, record components and our
     * zero-argument flags ({@code hasWith}) as properties; templates may be the user's ({@code --templates}), so they
     * read our records and run nothing (issue 6, {@link TemplateAccess}).
     */
    static DefaultObjectWrapperBuilder wrapperSettings() {
        DefaultObjectWrapperBuilder wrapper = new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34);
        wrapper.setRecordZeroArgumentNonVoidMethodPolicy(
                ZeroArgumentNonVoidMethodPolicy.BOTH_METHOD_AND_PROPERTY_UNLESS_BEAN_PROPERTY_READ_METHOD);
        wrapper.setDefaultZeroArgumentNonVoidMethodPolicy(
                ZeroArgumentNonVoidMethodPolicy.BOTH_METHOD_AND_PROPERTY_UNLESS_BEAN_PROPERTY_READ_METHOD);
        wrapper.setMemberAccessPolicy(TemplateAccess.POLICY);
        return wrapper;
    }

    private static Configuration configure(Optional<Path> overrides, java.util.function.Function<SqlObject, String> embed) {
        Configuration c = new Configuration(Configuration.VERSION_2_3_34);
        // <@embed object=x indent=8/>: a plan record inside another's template (a statement inside a generated
        // function), rendered by its own template (MapStruct's includeModel)
        c.setSharedVariable("embed", new EmbedDirective(embed));
        c.setObjectWrapper(new RecordWrapper(wrapperSettings()));
        c.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        List<TemplateLoader> loaders = new ArrayList<>();
        if (overrides.isPresent()) {
            try {
                loaders.add(new FileTemplateLoader(overrides.get().toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        loaders.add(new ClassTemplateLoader(Renderer.class, "/dev/specgen/templates"));
        c.setTemplateLoader(new MultiTemplateLoader(loaders.toArray(new TemplateLoader[0])));
        c.setDefaultEncoding("UTF-8");
        c.setLocale(Locale.ROOT);
        c.setTimeZone(TimeZone.getTimeZone("UTC"));
        c.setNumberFormat("computer");
        c.setBooleanFormat("c");
        c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        c.setLogTemplateExceptions(false);
        c.setWrapUncheckedExceptions(true);
        c.setFallbackOnNullLoopVariable(false);
        c.setAPIBuiltinEnabled(false);
        return c;
    }

    public Rendered render(SchemaPlan plan) {
        return render(plan, OutputBudget.UNLIMITED);
    }

    /**
     * {@link #render(SchemaPlan)}, counting every statement (twice: its file and the install script) in
     * {@code budget}. Files are rendered on all cores ({@link Parallel}); the result is the same as in order.
     */
    public Rendered render(SchemaPlan plan, OutputBudget budget) {
        SortedMap<String, String> files = new TreeMap<>();
        List<RenderedStatement> statements = new ArrayList<>();
        List<RenderedStatement> embedded = new ArrayList<>();
        List<FileModel> models = new ArrayList<>();
        TreeSet<String> allSources = new TreeSet<>();
        boolean anyConcurrent = false;
        for (FileOutput out : Parallel.map(plan.files(), this::file, out -> out.spend(budget))) {
            PlannedFile f = out.file();
            statements.addAll(out.statements());
            embedded.addAll(out.embedded());
            anyConcurrent |= f.hasNonTransactional();
            models.add(out.model());
            files.put(f.path(), out.content());
            allSources.addAll(f.specFiles());
        }
        if (!plan.files().isEmpty()) {
            List<String> notes = anyConcurrent ? List.of(CONCURRENT_NOTE) : List.of();
            InstallModel install = new InstallModel(String.join(", ", allSources), notes, models);
            files.put(INSTALL_FILE, apply("install", install, length(install)));
        }
        return new Rendered(files, statements, List.of(), embedded);
    }

    /** One rendered file, or the template failure that stopped it (reported in file order). */
    private record FileOutput(PlannedFile file, List<RenderedStatement> statements,
            List<RenderedStatement> embedded, FileModel model, String content, TemplateFailure failure) {
        /** Counts the statements in order; the first template failure is thrown here, in file order. */
        void spend(OutputBudget budget) {
            for (RenderedStatement s : statements) {
                budget.spend(s.sql(), 2, s.object().origin(), s.object()::describe);
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    private FileOutput file(PlannedFile f) {
        List<String> texts = new ArrayList<>();
        List<RenderedStatement> statements = new ArrayList<>();
        List<RenderedStatement> embedded = new ArrayList<>();
        try {
            List<String> inOneRun = objects(f.objects());
            for (int i = 0; i < f.objects().size(); i++) {
                SqlObject o = f.objects().get(i);
                String sql = inOneRun.get(i);
                texts.add(sql);
                SqlObject standIn = o.parseStandIn();
                // an object that has nothing to replace is its own stand-in (SqlObject.parseStandIn); another is
                // rendered, not compared field by field (a record's equals spins classes on its first call in a JVM)
                boolean same = standIn == o;
                statements.add(new RenderedStatement(o, sql, f.path(), same ? sql : object(standIn),
                        SourceSpans.of(o, sql, this::object)));
                for (SqlObject e : o.embedded()) {
                    embedded.add(new RenderedStatement(e, object(e), f.path()));
                }
            }
            List<String> notes = f.hasNonTransactional() ? List.of(CONCURRENT_NOTE) : List.of();
            FileModel m = new FileModel(f.path(), String.join(", ", f.specFiles()), notes, texts);
            return new FileOutput(f, statements, embedded, m, apply("file", m, length(m)), null);
        } catch (TemplateFailure failure) {
            return new FileOutput(f, statements, embedded, null, null, failure);
        }
    }

    /**
     * About the length of a file's text: its statements, two line ends each, and room for its header. The file's
     * buffer starts at that size, rather than doubling from 512 characters with a copy each time (issue 12).
     */
    private static int length(FileModel m) {
        long n = 512 + m.sources().length() + m.path().length();
        for (String note : m.notes()) {
            n += note.length() + 4;
        }
        for (String s : m.statements()) {
            n += s.length() + 2;
        }
        return (int) Math.min(n, Integer.MAX_VALUE - 16);
    }

    /** {@link #length(FileModel)} for the install script: each file's statements and a banner per file. */
    private static int length(InstallModel m) {
        long n = 512 + m.sources().length();
        for (FileModel f : m.files()) {
            n += length(f);
        }
        return (int) Math.min(n, Integer.MAX_VALUE - 16);
    }

    /**
     * Each object's statement text ({@link #object}), the objects of a file rendered in one template run
     * ({@link #templatesInOneRun}: a run's set-up costs about what a partition's or an index's statement does, issue
     * 12), or one by one when they cannot be (the same texts, or the same failure).
     */
    private List<String> objects(List<SqlObject> objects) {
        Optional<List<String>> inOneRun = inOneRun(objects, SqlObject::template);
        if (inOneRun.isPresent()) {
            return inOneRun.get();
        }
        List<String> texts = new ArrayList<>(objects.size());
        for (SqlObject o : objects) {
            texts.add(object(o));
        }
        return texts;
    }

    /**
     * Loads FreeMarker's classes and what it learns of our model records, by rendering the file frame of an empty
     * file ({@link dev.specgen.Preload}); its result is thrown away.
     */
    public static void warmUp() {
        Renderer r = BuiltIn.RENDERER;
        r.apply("file", new FileModel("preload.sql", "preload.yaml", List.of(CONCURRENT_NOTE), List.of("SELECT 1;")));
        r.apply("install", new InstallModel("preload.yaml", List.of(), List.of()));
        for (String name : BuiltInTemplates.names()) {
            try {
                r.template(name);
            } catch (TemplateFailure ignored) {
                // the run that uses it reports it
            }
        }
    }

    /** An embedded statement's text (no trailing semicolon or newline), for templates that place it. */
    private String embedded(SqlObject o) {
        return apply(o.template(), o).stripTrailing();
    }

    /** One object's statement text, without a trailing newline. */
    public String object(SqlObject o) {
        try {
            return apply(o.template(), o).stripTrailing();
        } catch (TemplateFailure f) {
            throw f.at(o.origin());
        }
    }

    /**
     * What a template writes into: a StringWriter without its lock (StringBuffer) and starting at a statement's usual
     * size rather than 16 characters; FreeMarker writes many small pieces, and every statement goes through here.
     */
    private static final class TextWriter extends Writer {
        private final StringBuilder text;

        TextWriter(int expectedLength) {
            text = new StringBuilder(Math.max(16, expectedLength));
        }

        @Override
        public void write(char[] buf, int off, int len) {
            text.append(buf, off, len);
        }

        @Override
        public void write(String str) {
            text.append(str);
        }

        @Override
        public void write(String str, int off, int len) {
            text.append(str, off, off + len);
        }

        @Override
        public void write(int c) {
            text.append((char) c);
        }

        @Override
        public Writer append(CharSequence csq) {
            text.append(csq);
            return this;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /** FreeMarker's message up to its "----" tip section, on one line. */
    static String freemarkerMessage(TemplateException e) {
        String m = e.getMessageWithoutStackTop();
        int tip = m.indexOf("\n----");
        return (tip >= 0 ? m.substring(0, tip) : m).strip().replaceAll("\\s*\n+\\s*", " ");
    }

    /**
     * A template could not be loaded or failed while rendering: with override templates ({@code --templates}) that
     * is the user's template, so it is reported as a diagnostic (SG005), at the spec position being rendered.
     */
    public static final class TemplateFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient dev.specgen.diag.SourcePos pos;

        TemplateFailure(String message, Throwable cause, dev.specgen.diag.SourcePos pos) {
            super(message, cause);
            this.pos = pos;
        }

        TemplateFailure at(dev.specgen.diag.SourcePos where) {
            return pos.isNone() ? new TemplateFailure(getMessage(), getCause(), where) : this;
        }

        public dev.specgen.diag.SourcePos pos() {
            return pos;
        }
    }

    /**
     * Renders {@code templates/postgres/<template>.ftl} with {@code model}; for stages that add their own files
     * from the same plan (generated tests use {@code tests/...} templates).
     */
    public String template(String template, Object model) {
        String text = apply(template, model, lengths.getOrDefault(template, 512));
        lengths.put(template, Math.min(text.length() + 64, MAX_LENGTH_HINT));
        return text;
    }

    /**
     * The length of each template's last text from {@link #template(String, Object)}, where the next text's buffer
     * starts: the whole-file templates (the overview, about a megabyte for 1,000 entities) then do not grow from 512
     * characters by copies, run after run (issue 12).
     */
    private final Map<String, Integer> lengths = new ConcurrentHashMap<>();
    private static final int MAX_LENGTH_HINT = 1 << 24;

    /**
     * {@link #template(String, Object)} for a text of about {@code expectedLength} characters (a file of already
     * rendered parts): the buffer starts at that size instead of growing by copies.
     */
    public String template(String template, Object model, int expectedLength) {
        return apply(template, model, expectedLength);
    }

    private String apply(String template, Object model) {
        return apply(template, model, 512);
    }

    /**
     * Each model rendered by its own template ({@code templates.get(i)} renders {@code models.get(i)}): the same
     * texts as {@link #template(String, Object)} one by one, but in one FreeMarker run, since a run sets up an
     * environment (settings, namespaces, the wrapped data model) that costs more than a generated test's one-line
     * step (issue 12). Each template is included in turn with its model as the data model, and what it assigned is
     * forgotten before the next. Each text without trailing white space ({@link String#stripTrailing}). Empty, for
     * the caller to render one by one as before (the same text, or the same failure at the same model), when a
     * template could tell the difference (it imports a library, sets a setting or a global, or reads the data model,
     * the main template or the namespaces as such) or when anything fails.
     */
    /**
     * {@link #templatesInOneRun} of {@code models}, each with its own template ({@code template}); empty for fewer
     * than two, which gain nothing from sharing a run.
     */
    public <T> Optional<List<String>> inOneRun(List<T> models, Function<? super T, String> template) {
        if (models.size() < 2) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>(models.size());
        for (T m : models) {
            names.add(template.apply(m));
        }
        return templatesInOneRun(names, models);
    }

    public Optional<List<String>> templatesInOneRun(List<String> templates, List<?> models) {
        if (templates.size() != models.size()) {
            throw new IllegalArgumentException(templates.size() + " templates for " + models.size() + " models");
        }
        if (!templates.stream().allMatch(this::sharesRun)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Batch(templates, models).run());
        } catch (TemplateException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Text in a template that one run of several templates could make behave differently from a run of its own. */
    private static final List<String> OWN_RUN_ONLY = List.of("#import", "#setting", "#global", "#visit", "#recurse",
            ".data_model", ".main", ".globals", ".namespace", ".vars", ".node", ".caller_template_name", "?eval",
            "?interpret");

    /** Whether {@code template} may be included in one run with others ({@link #templates}); remembered. */
    private boolean sharesRun(String template) {
        Boolean known = sharesRun.get(template);
        if (known == null) {
            String source;
            try {
                source = template(template).toString();
            } catch (TemplateFailure f) {
                source = "#import";
            }
            known = OWN_RUN_ONLY.stream().noneMatch(source::contains);
            sharesRun.put(template, known);
        }
        return known;
    }

    private final Map<String, Boolean> sharesRun = new ConcurrentHashMap<>();

    /** The template of a batch run: it only calls the batch ({@link Batch#execute}). */
    private static final String BATCH_DIRECTIVE = "specgen_batch_of_templates";

    /** Parsed once per renderer. */
    private volatile Template batchDriver;

    private Template batchDriver() throws IOException {
        Template t = batchDriver;
        if (t == null) {
            t = new Template("specgen-batch", new StringReader("<@" + BATCH_DIRECTIVE + "/>"), cfg);
            batchDriver = t;
        }
        return t;
    }

    /**
     * One run of several templates: the data model of the run is this object, which answers for the model of the
     * template being included; before the first (while the driver template calls the batch) it answers only
     * {@link #BATCH_DIRECTIVE}.
     */
    private final class Batch implements TemplateHashModel,
            TemplateDirectiveModel {
        private final List<String> names;
        private final List<?> models;
        private final List<String> texts;
        private TemplateHashModel current;

        Batch(List<String> names, List<?> models) {
            this.names = names;
            this.models = models;
            this.texts = new ArrayList<>(models.size());
        }

        List<String> run() throws TemplateException, IOException {
            batchDriver().process(this, new TextWriter(16));
            if (texts.size() != models.size()) {
                throw new IllegalStateException("batch rendered " + texts.size() + " of " + models.size());
            }
            return texts;
        }

        @Override
        public TemplateModel get(String key) throws TemplateModelException {
            if (current == null) {
                return BATCH_DIRECTIVE.equals(key) && texts.isEmpty() ? this : null;
            }
            return current.get(key);
        }

        @Override
        public boolean isEmpty() throws TemplateModelException {
            return current == null || current.isEmpty();
        }

        @Override
        public void execute(Environment env, @SuppressWarnings("rawtypes") Map params,
                TemplateModel[] loopVars, TemplateDirectiveBody body)
                throws TemplateException, IOException {
            if (current != null || !texts.isEmpty()) {
                throw new TemplateModelException(BATCH_DIRECTIVE + " runs once");
            }
            Writer before = env.getOut();
            Environment.Namespace ns = env.getMainNamespace();
            ObjectWrapper wrapper = cfg.getObjectWrapper();
            // one buffer for all: each text is copied out of it once, without its trailing white space
            TextWriter out = new TextWriter(512);
            env.setOut(out);
            for (int i = 0; i < models.size(); i++) {
                Template t = template(names.get(i));
                if (!(wrapper.wrap(models.get(i)) instanceof TemplateHashModel h)) {
                    throw new TemplateModelException("not a hash: " + models.get(i));
                }
                current = h;
                out.text.setLength(0);
                env.include(t);
                int end = out.text.length();
                while (end > 0 && Character.isWhitespace(out.text.charAt(end - 1))) {
                    end--;
                }
                String text = out.text.substring(0, end);
                texts.add(lf(text));
                if (!ns.isEmpty()) {
                    List<String> assigned = new ArrayList<>();
                    for (TemplateModelIterator k = ns.keys().iterator(); k.hasNext(); ) {
                        assigned.add(((TemplateScalarModel) k.next()).getAsString());
                    }
                    assigned.forEach(ns::remove);
                }
            }
            env.setOut(before);
        }
    }

    /** The parsed template {@code postgres/<template>.ftl}, parsed on first use. */
    private Template template(String template) {
        Template t = templates.get(template);
        if (t != null) {
            return t;
        }
        try {
            t = cfg.getTemplate(DIALECT + "/" + template + ".ftl");
        } catch (IOException e) {
            throw new TemplateFailure("template " + DIALECT + "/" + template + ".ftl cannot be loaded: "
                    + e.getMessage(), e, dev.specgen.diag.SourcePos.NONE);
        }
        Template known = templates.putIfAbsent(template, t);
        return known == null ? t : known;
    }

    /**
     * A template with CRLF line ends (an override written on Windows) gives LF only; the built-in ones have none, and
     * one intrinsic scan for '\r' costs less than String.replace's search for the pair (issue 12).
     */
    private static String lf(String text) {
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n");
    }

    private String apply(String template, Object model, int expectedLength) {
        Template t = template(template);
        try {
            TextWriter out = new TextWriter(expectedLength);
            t.process(model, out);
            return lf(out.toString());
        } catch (IOException e) {
            throw new TemplateFailure("template " + DIALECT + "/" + template + ".ftl cannot be loaded: "
                    + e.getMessage(), e, dev.specgen.diag.SourcePos.NONE);
        } catch (TemplateException e) {
            throw new TemplateFailure("template " + DIALECT + "/" + template + ".ftl failed: "
                    + freemarkerMessage(e), e, dev.specgen.diag.SourcePos.NONE);
        }
    }
}
