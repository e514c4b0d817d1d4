// `npm run electron:fetch`: download the Electron binary for this machine (needs internet access once).
import { fetchElectron, installedElectron } from './electron-binary.mjs';

const existing = installedElectron();
if (existing) {
  console.log(`Electron 已安装：${existing}`);
} else {
  const fetched = fetchElectron();
  if (fetched) console.log(`Electron 已下载：${fetched}`);
  else {
    console.error('无法下载 Electron（可能没有网络）。可以继续用浏览器模式：npm start -- --browser');
    process.exit(1);
  }
}
