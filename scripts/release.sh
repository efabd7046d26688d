#!/usr/bin/env bash
# Builds the release: target/release/tamis-<version>.zip, holding
#   tamis-<version>/site/        the static site (trunk build --release): unpack it anywhere, at any sub-path
#   tamis-<version>/tamis.html   the single file, for a USB key or an e-mail (opened from file://)
#   tamis-<version>/LISEZMOI.txt what is where, in French, and where the deployment guide is
# See docs/DEPLOY.md for the server configuration. `--no-build` packs dist/ and target/single/ as they
# are (scripts/test.sh has just built them).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$root"
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
name="tamis-$version"
if [ "${1:-}" != "--no-build" ]; then
  scripts/setup.sh
  trunk build --release
  node scripts/single.mjs
fi
stage=$(mktemp -d)
mkdir -p "$stage/$name"
cp -r dist "$stage/$name/site"
cp target/single/tamis.html "$stage/$name/tamis.html"
cat > "$stage/$name/LISEZMOI.txt" <<TXT
Tamis $version — vos données au format SCDL, dans le navigateur.

tamis.html   Tamis en un seul fichier : ouvrez-le dans Firefox, Chrome ou Edge (double-clic), sans
             serveur ni réseau. À copier sur une clé USB ou à envoyer par courriel.
site/        Tamis pour un serveur web : copiez ce dossier sur n'importe quel serveur de fichiers
             statiques, à l'adresse de votre choix (par exemple https://data.example.fr/outils/tamis/).
             Les pages autorisées à intégrer Tamis se déclarent dans site/tamis.config.json.
             Réglages du serveur (nginx, Apache) : docs/DEPLOY.md dans le dépôt de Tamis.
TXT
mkdir -p target/release
rm -f "target/release/$name.zip"
(cd "$stage" && python3 -m zipfile -c "$root/target/release/$name.zip" "$name")
rm -rf "$stage"
python3 -m zipfile -l "target/release/$name.zip"
echo "target/release/$name.zip: $(du -h "target/release/$name.zip" | cut -f1)"
