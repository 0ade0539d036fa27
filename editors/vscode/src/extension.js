// Starts `tideline lsp` over stdio for SQL migrations and Liquibase changelogs.
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration('tideline');
  const serverOptions = {
    command: config.get('command', 'tideline'),
    args: ['lsp'],
    transport: TransportKind.stdio,
  };
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'sql' },
      { scheme: 'file', pattern: '**/*.{xml,yaml,yml,json}' },
    ],
    initializationOptions: { debounceMs: config.get('debounceMs', 150) },
  };
  client = new LanguageClient('tideline', 'tideline', serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
