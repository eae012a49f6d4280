// A JupyterLab 4 extension without a build step: JupyterLab's language-server support connects the
// file editor to typescript-language-server (jupyter-lsp), but shows none of the diagnostics it
// sends. This underlines each error in the editor (wavy red; hover for the message).
//
// JupyterLab loads a prebuilt extension as a module federation container: it runs this script,
// calls init(shareScope) with the modules it shares (the same instances its own plugins use), and
// get("./extension") for a factory of the module whose default export is the plugins.
(function () {
  "use strict";
  var NAME = "mlp-course-type-errors";
  var scope = null;

  /** A module JupyterLab shares (one instance per page), e.g. "@jupyterlab/lsp". */
  function shared(pkg) {
    var versions = scope && scope[pkg];
    var keys = versions ? Object.keys(versions) : [];
    if (keys.length === 0) return Promise.reject(new Error(NAME + ": JupyterLab does not share " + pkg));
    return Promise.resolve(versions[keys[keys.length - 1]].get()).then(function (factory) {
      return factory();
    });
  }

  function plugin(lsp, fileeditor, view, state) {
    return {
      id: NAME + ":plugin",
      description: "Underlines type errors reported by the language server in the file editor.",
      autoStart: true,
      requires: [lsp.ILSPDocumentConnectionManager, fileeditor.IEditorTracker],
      optional: [lsp.ILSPFeatureManager],
      activate: function (app, connections, editors, features) {
        // Ask servers for diagnostics (typescript-language-server sends them anyway).
        if (features) {
          features.register({ id: NAME + ":diagnostics", capabilities: { textDocument: { publishDiagnostics: { relatedInformation: false } } } });
        }
        var setErrors = state.StateEffect.define();
        var errors = state.StateField.define({
          create: function () {
            return view.Decoration.none;
          },
          update: function (marks, tr) {
            marks = marks.map(tr.changes);
            tr.effects.forEach(function (e) {
              if (e.is(setErrors)) marks = e.value;
            });
            return marks;
          },
          provide: function (field) {
            return view.EditorView.decorations.from(field);
          },
        });
        var theme = view.EditorView.baseTheme({
          ".mlp-type-error": { textDecoration: "underline wavy #d32f2f", textDecorationSkipInk: "none" },
        });
        var prepared = new WeakSet();
        var listened = new WeakSet();

        /** The open file editor showing the document at `uri` (file:///.../exercises/x.ts). */
        function editorOf(uri) {
          var file = decodeURIComponent(uri.replace(/^file:\/\//, ""));
          var found = null;
          editors.forEach(function (widget) {
            if (!found && file.endsWith("/" + widget.context.path)) found = widget;
          });
          return found;
        }

        function show(params) {
          var widget = editorOf(params.uri);
          if (!widget) return;
          var cm = widget.content.editor.editor;
          if (!prepared.has(cm)) {
            cm.dispatch({ effects: state.StateEffect.appendConfig.of([errors, theme]) });
            prepared.add(cm);
          }
          var doc = cm.state.doc;
          var at = function (p) {
            var line = doc.line(Math.min(p.line + 1, doc.lines));
            return Math.min(line.from + p.character, line.to);
          };
          var marks = params.diagnostics
            .filter(function (d) {
              return (d.severity || 1) === 1;
            })
            .map(function (d) {
              var from = at(d.range.start);
              var to = Math.max(at(d.range.end), Math.min(from + 1, doc.length));
              var code = d.code ? " (TS" + d.code + ")" : "";
              return view.Decoration.mark({ class: "mlp-type-error", attributes: { title: d.message + code } }).range(from, to);
            })
            .filter(function (r) {
              return r.from < r.to;
            });
          cm.dispatch({ effects: setErrors.of(view.Decoration.set(marks, true)) });
        }

        function listen(connection) {
          if (listened.has(connection)) return;
          listened.add(connection);
          connection.serverNotifications["textDocument/publishDiagnostics"].connect(function (_, params) {
            show(params);
          });
        }
        connections.connected.connect(function (_, event) {
          listen(event.connection);
        });
        connections.connections.forEach(listen);
      },
    };
  }

  var containers = (window._JUPYTERLAB = window._JUPYTERLAB || {});
  containers[NAME] = {
    init: function (shareScope) {
      scope = shareScope;
    },
    get: function (module) {
      if (module !== "./extension") return Promise.reject(new Error(NAME + " has no module " + module));
      return Promise.all(["@jupyterlab/lsp", "@jupyterlab/fileeditor", "@codemirror/view", "@codemirror/state"].map(shared)).then(function (m) {
        var exported = { __esModule: true, default: [plugin(m[0], m[1], m[2], m[3])] };
        return function () {
          return exported;
        };
      });
    },
  };
})();
