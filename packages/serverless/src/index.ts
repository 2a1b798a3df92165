/**
 * The faasport plugin for the Serverless Framework (v3 line, osls): one
 * `serverless.yml`, the cloud chosen per command with
 * `provider.name: ${env:FAASPORT_CLOUD}`. Listed in `plugins`, it is loaded
 * by the framework; nothing needs importing.
 *
 * @module
 */
import { FaasportServerlessPlugin } from "./plugin";

export default FaasportServerlessPlugin;
