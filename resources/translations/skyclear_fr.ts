<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>AccountController</name>
    <message>
        <source>Add your API key in Settings to use IACrea.</source>
        <translation>Ajoutez votre clé API dans les Paramètres pour utiliser IACrea.</translation>
    </message>
    <message>
        <source>Asking IACrea for your balance…</source>
        <translation>Demande de votre solde à IACrea…</translation>
    </message>
    <message>
        <source>The credits could not be read.</source>
        <translation>Les crédits n’ont pas pu être lus.</translation>
    </message>
    <message>
        <source>Running low: top up in your IACrea account.</source>
        <translation>Crédits bientôt épuisés&#xa0;: rechargez votre compte IACrea.</translation>
    </message>
    <message>
        <source>No credits left: top up in your IACrea account.</source>
        <translation>Plus de crédits&#xa0;: rechargez votre compte IACrea.</translation>
    </message>
    <message>
        <source>The settings could not be saved ({0}).</source>
        <translation>Les paramètres n’ont pas pu être enregistrés ({0}).</translation>
    </message>
    <message numerus="yes">
        <source>Your IACrea account has no photo credits left, so IACrea will probably refuse %n photo(s). Send anyway?</source>
        <translation>
            <numerusform>Votre compte IACrea n’a plus de crédits photo&#xa0;: IACrea refusera probablement cette photo. L’envoyer quand même&#xa0;?</numerusform>
            <numerusform>Votre compte IACrea n’a plus de crédits photo&#xa0;: IACrea refusera probablement ces %n photos. Les envoyer quand même&#xa0;?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You have %n photo credit(s) but selected {0} photos: some may be refused. Send anyway?</source>
        <translation>
            <numerusform>Il vous reste %n crédit photo, mais vous avez sélectionné {0} photos&#xa0;: certaines pourraient être refusées. Envoyer quand même&#xa0;?</numerusform>
            <numerusform>Il vous reste %n crédits photo, mais vous avez sélectionné {0} photos&#xa0;: certaines pourraient être refusées. Envoyer quand même&#xa0;?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This uses %n photo credit(s); {0} will be left. Continue?</source>
        <translation>
            <numerusform>Cela utilise %n crédit photo&#xa0;; il en restera {0}. Continuer&#xa0;?</numerusform>
            <numerusform>Cela utilise %n crédits photo&#xa0;; il en restera {0}. Continuer&#xa0;?</numerusform>
        </translation>
    </message>
    <message>
        <source>Photo credits</source>
        <translation>Crédits photo</translation>
    </message>
    <message>
        <source>No credits left</source>
        <translation>Plus de crédits</translation>
    </message>
    <message>
        <source>Your IACrea account shows no photo credits. A variation may be free with your plan, or IACrea may refuse it. Ask anyway?</source>
        <translation>Votre compte IACrea n’affiche aucun crédit photo. Une variation peut être gratuite avec votre abonnement, ou IACrea peut la refuser. La demander quand même&#xa0;?</translation>
    </message>
    <message>
        <source>You seem to be offline. Photos already sent keep processing at IACrea; SkyClear keeps checking and collects the results once you are back online. The local engine works offline.</source>
        <translation>Vous semblez hors ligne. Les photos déjà envoyées continuent d’être traitées chez IACrea&#xa0;; SkyClear continue de vérifier et récupère les résultats dès votre retour en ligne. Le moteur local fonctionne hors ligne.</translation>
    </message>
    <message>
        <source>Engine: local (offline)</source>
        <translation>Moteur&#xa0;: local (hors ligne)</translation>
    </message>
    <message>
        <source>Engine: IACrea cloud</source>
        <translation>Moteur&#xa0;: cloud IACrea</translation>
    </message>
    <message>
        <source>No credits needed</source>
        <translation>Aucun crédit nécessaire</translation>
    </message>
    <message>
        <source>Credits: —</source>
        <translation>Crédits&#xa0;: —</translation>
    </message>
    <message>
        <source>Credits: {0}</source>
        <translation>Crédits&#xa0;: {0}</translation>
    </message>
    <message>
        <source>● Offline</source>
        <translation>● Hors ligne</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● En ligne</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>Add photos…</source>
        <translation>Ajouter des photos…</translation>
    </message>
    <message>
        <source>Add photos to the library (Ctrl+O)</source>
        <translation>Ajouter des photos à la bibliothèque (Ctrl+O)</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Générer</translation>
    </message>
    <message>
        <source>Send the selected photos (Ctrl+G)</source>
        <translation>Envoyer les photos sélectionnées (Ctrl+G)</translation>
    </message>
    <message>
        <source>New variation</source>
        <translation>Nouvelle variation</translation>
    </message>
    <message>
        <source>Ask for another version of this photo (Ctrl+Shift+V)</source>
        <translation>Demander une autre version de cette photo (Ctrl+Maj+V)</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Try the selected failed photos again (Ctrl+R)</source>
        <translation>Relancer les photos sélectionnées qui ont échoué (Ctrl+R)</translation>
    </message>
    <message>
        <source>Retry all stopped</source>
        <translation>Relancer toutes les photos arrêtées</translation>
    </message>
    <message>
        <source>Try every photo that stopped again (Ctrl+Shift+T)</source>
        <translation>Relancer chaque photo qui s’est arrêtée (Ctrl+Maj+T)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Stop following this photo (Ctrl+.)</source>
        <translation>Ne plus suivre cette photo (Ctrl+.)</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Enregistrer sous…</translation>
    </message>
    <message>
        <source>Save the result shown on the right (Ctrl+S)</source>
        <translation>Enregistrer le résultat affiché à droite (Ctrl+S)</translation>
    </message>
    <message>
        <source>Export all…</source>
        <translation>Tout exporter…</translation>
    </message>
    <message>
        <source>Save every result of this photo to a folder (Ctrl+E)</source>
        <translation>Enregistrer tous les résultats de cette photo dans un dossier (Ctrl+E)</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copy the result to the clipboard (Ctrl+C)</source>
        <translation>Copier le résultat dans le presse-papiers (Ctrl+C)</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Afficher dans le dossier</translation>
    </message>
    <message>
        <source>Show the result in the file manager (Ctrl+Shift+R)</source>
        <translation>Afficher le résultat dans le gestionnaire de fichiers (Ctrl+Maj+R)</translation>
    </message>
    <message>
        <source>Remove from library</source>
        <translation>Retirer de la bibliothèque</translation>
    </message>
    <message>
        <source>Remove the selected photos from the library (Del)</source>
        <translation>Retirer les photos sélectionnées de la bibliothèque (Suppr)</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Paramètres…</translation>
    </message>
    <message>
        <source>Account, image host and library (Ctrl+,)</source>
        <translation>Compte, hébergement des images et bibliothèque (Ctrl+,)</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Previous photo</source>
        <translation>Photo précédente</translation>
    </message>
    <message>
        <source>Show the previous photo of the library (PgUp or K)</source>
        <translation>Afficher la photo précédente de la bibliothèque (Page préc. ou K)</translation>
    </message>
    <message>
        <source>Next photo</source>
        <translation>Photo suivante</translation>
    </message>
    <message>
        <source>Show the next photo of the library (PgDn or J)</source>
        <translation>Afficher la photo suivante de la bibliothèque (Page suiv. ou J)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajuster</translation>
    </message>
    <message>
        <source>Fit the photo in the window (F)</source>
        <translation>Ajuster la photo à la fenêtre (F)</translation>
    </message>
    <message>
        <source>100 %</source>
        <translation>100&#xa0;%</translation>
    </message>
    <message>
        <source>Show at 100 % (1)</source>
        <translation>Afficher à 100&#xa0;% (1)</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Volet</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Côte à côte</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>Différences</translation>
    </message>
    <message>
        <source>Hold to see the original</source>
        <translation>Maintenir pour voir l’original</translation>
    </message>
    <message>
        <source>Hold Space to see the original photo</source>
        <translation>Maintenez Espace pour voir la photo d’origine</translation>
    </message>
    <message>
        <source>Divider left</source>
        <translation>Séparateur à gauche</translation>
    </message>
    <message>
        <source>Divider right</source>
        <translation>Séparateur à droite</translation>
    </message>
    <message>
        <source>About SkyClear</source>
        <translation>À propos de SkyClear</translation>
    </message>
    <message>
        <source>Getting an IACrea API key…</source>
        <translation>Obtenir une clé API IACrea…</translation>
    </message>
    <message>
        <source>Keep this version</source>
        <translation>Retenir cette version</translation>
    </message>
    <message>
        <source>Keep the version shown on the right for the listing, or keep none if it is kept already (P)</source>
        <translation>Retenir pour l’annonce la version affichée à droite, ou n’en retenir aucune si elle l’est déjà (P)</translation>
    </message>
    <message>
        <source>Export listing…</source>
        <translation>Exporter l’annonce…</translation>
    </message>
    <message>
        <source>Deliver the kept version of every photo, in order, sized for a listing site (Ctrl+Shift+E)</source>
        <translation>Livrer la version retenue de chaque photo, dans l’ordre, au format d’un site d’annonces (Ctrl+Maj+E)</translation>
    </message>
    <message>
        <source>New listing…</source>
        <translation>Nouvelle annonce…</translation>
    </message>
    <message>
        <source>Rename listing…</source>
        <translation>Renommer l’annonce…</translation>
    </message>
    <message>
        <source>Archive listing</source>
        <translation>Archiver l’annonce</translation>
    </message>
    <message>
        <source>Put this listing away; its photos and results stay</source>
        <translation>Ranger cette annonce&#xa0;; ses photos et ses résultats sont conservés</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <source>Move the selected photos up in the listing (Ctrl+Up)</source>
        <translation>Monter les photos sélectionnées dans l’annonce (Ctrl+Haut)</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Descendre</translation>
    </message>
    <message>
        <source>Move the selected photos down in the listing (Ctrl+Down)</source>
        <translation>Descendre les photos sélectionnées dans l’annonce (Ctrl+Bas)</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Something went wrong inside SkyClear. Your photos and results are safe; the details are in {0}.</source>
        <translation>Un problème est survenu dans SkyClear. Vos photos et vos résultats sont intacts&#xa0;; les détails sont dans {0}.</translation>
    </message>
    <message>
        <source>SkyClear could not open its data folder %1: %2</source>
        <translation>SkyClear n’a pas pu ouvrir son dossier de données %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>Fermer le message</translation>
    </message>
</context>
<context>
    <name>ComparePanel</name>
    <message>
        <source>Compare from</source>
        <translation>Comparer depuis</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>Comparer avec</translation>
    </message>
    <message>
        <source>vs</source>
        <translation>et</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Volet</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Côte à côte</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>Différences</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajuster</translation>
    </message>
    <message>
        <source>Fit the photo in the window (F)</source>
        <translation>Ajuster la photo à la fenêtre (F)</translation>
    </message>
    <message>
        <source>100 %</source>
        <translation>100&#xa0;%</translation>
    </message>
    <message>
        <source>One photo pixel per screen pixel (1)</source>
        <translation>Un pixel de la photo par pixel d’écran (1)</translation>
    </message>
    <message>
        <source>More view options</source>
        <translation>Plus d’options d’affichage</translation>
    </message>
    <message>
        <source>Hold to see the original</source>
        <translation>Maintenir pour voir l’original</translation>
    </message>
    <message>
        <source>Tip: hold Space to see the original · drag the divider · scroll to zoom</source>
        <translation>Espace&#xa0;: voir l’original · glisser le séparateur · molette&#xa0;: zoom</translation>
    </message>
    <message>
        <source>No result yet</source>
        <translation>Aucun résultat</translation>
    </message>
    <message>
        <source>Less than 1 % of the photo changed</source>
        <translation>Zone modifiée&#xa0;: moins de 1&#xa0;% de la photo</translation>
    </message>
    <message>
        <source>Nothing changed beyond photo noise</source>
        <translation>Aucun changement au-delà du bruit de la photo</translation>
    </message>
    <message>
        <source>{0} % of the photo changed</source>
        <translation>Zone modifiée&#xa0;: {0}&#xa0;% de la photo</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Open a photo to see it here</source>
        <translation>Ouvrez une photo pour la voir ici</translation>
    </message>
    <message>
        <source>When a result is ready, compare it with the original: drag the divider, scroll to zoom, hold Space to flick back.</source>
        <translation>Quand un résultat est prêt, comparez-le à l’original&#xa0;: faites glisser le séparateur, zoomez à la molette, maintenez Espace pour revenir à l’original.</translation>
    </message>
    <message>
        <source>Before and after comparison</source>
        <translation>Comparaison avant / après</translation>
    </message>
    <message>
        <source>The original photo could not be shown because it could not be read.</source>
        <translation>La photo d’origine ne peut pas être affichée&#xa0;: elle n’a pas pu être lue.</translation>
    </message>
    <message>
        <source>The result could not be shown because it could not be read.</source>
        <translation>Le résultat ne peut pas être affiché&#xa0;: il n’a pas pu être lu.</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <source>There is no original photo to compare the result with.</source>
        <translation>Il n’y a pas de photo d’origine à laquelle comparer le résultat.</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Après</translation>
    </message>
    <message>
        <source>There is not enough memory to show what changed.</source>
        <translation>La mémoire ne suffit pas pour afficher les différences.</translation>
    </message>
    <message>
        <source>What changed could not be worked out for this photo.</source>
        <translation>Les différences n’ont pas pu être calculées pour cette photo.</translation>
    </message>
    <message>
        <source>Showing the original — release to go back</source>
        <translation>Photo d’origine affichée — relâchez pour revenir</translation>
    </message>
    <message>
        <source>Finding what changed…</source>
        <translation>Recherche des différences…</translation>
    </message>
    <message>
        <source>Nothing changed beyond photo noise</source>
        <translation>Aucun changement au-delà du bruit de la photo</translation>
    </message>
    <message>
        <source>Less than 1 % of the photo changed (yellow: a little, red: a lot)</source>
        <translation>Zone modifiée&#xa0;: moins de 1&#xa0;% de la photo (jaune&#xa0;: un peu, rouge&#xa0;: beaucoup)</translation>
    </message>
    <message>
        <source>About {0} % of the photo changed (yellow: a little, red: a lot)</source>
        <translation>Zone modifiée&#xa0;: environ {0}&#xa0;% de la photo (jaune&#xa0;: un peu, rouge&#xa0;: beaucoup)</translation>
    </message>
    <message>
        <source>No photo open.</source>
        <translation>Aucune photo ouverte.</translation>
    </message>
    <message>
        <source>The original photo; no result yet.</source>
        <translation>La photo d’origine&#xa0;; pas encore de résultat.</translation>
    </message>
    <message>
        <source>Scroll to zoom, drag to move around, press 0 to fit or 1 for 100 %.</source>
        <translation>Molette pour zoomer, glisser pour se déplacer, 0 pour ajuster ou 1 pour 100&#xa0;%.</translation>
    </message>
    <message>
        <source>Split view: original on the left, result on the right, divider at {0} %.</source>
        <translation>Vue en volet&#xa0;: original à gauche, résultat à droite, séparateur à {0}&#xa0;%.</translation>
    </message>
    <message>
        <source>Drag the divider or use the Left and Right keys to compare. Scroll to zoom, drag to move around, hold Space to see the original.</source>
        <translation>Faites glisser le séparateur ou utilisez les flèches gauche et droite pour comparer. Molette pour zoomer, glisser pour se déplacer, Espace maintenu pour voir l’original.</translation>
    </message>
    <message>
        <source>Side by side: original on the left, result on the right.</source>
        <translation>Côte à côte&#xa0;: original à gauche, résultat à droite.</translation>
    </message>
    <message>
        <source>Both sides zoom and move together. Hold Space to see the original on both sides.</source>
        <translation>Les deux côtés zooment et se déplacent ensemble. Maintenez Espace pour voir l’original des deux côtés.</translation>
    </message>
    <message>
        <source>What changed: the result with changed areas marked in yellow and red.</source>
        <translation>Différences&#xa0;: le résultat, avec les zones modifiées marquées en jaune et en rouge.</translation>
    </message>
    <message>
        <source>Yellow marks small changes, red large ones. Check walls, outlets and fixtures for changes you did not ask for.</source>
        <translation>Le jaune marque les petits changements, le rouge les grands. Vérifiez murs, prises et luminaires&#xa0;: rien ne doit avoir changé sans que vous l’ayez demandé.</translation>
    </message>
    <message>
        <source>The result.</source>
        <translation>Le résultat.</translation>
    </message>
    <message>
        <source>Hold Space to see the original.</source>
        <translation>Maintenez Espace pour voir l’original.</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n photo</numerusform>
            <numerusform>%n photos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo credit(s)</source>
        <translation>
            <numerusform>%n crédit photo</numerusform>
            <numerusform>%n crédits photo</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n résultat</numerusform>
            <numerusform>%n résultats</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n fichier</numerusform>
            <numerusform>%n fichiers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n kept version(s)</source>
        <translation>
            <numerusform>%n version retenue</numerusform>
            <numerusform>%n versions retenues</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DialogPrompt</name>
    <message>
        <source>Add photos</source>
        <translation>Ajouter des photos</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.webp *.tif *.tiff);;All files (*)</source>
        <translation>Photos (*.jpg *.jpeg *.png *.webp *.tif *.tiff);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Save result as</source>
        <translation>Enregistrer le résultat sous</translation>
    </message>
    <message>
        <source>JPEG image (*.jpg *.jpeg);;PNG image (*.png)</source>
        <translation>Image JPEG (*.jpg *.jpeg);;Image PNG (*.png)</translation>
    </message>
    <message>
        <source>Export all results to</source>
        <translation>Exporter tous les résultats vers</translation>
    </message>
    <message>
        <source>Photos still in progress</source>
        <translation>Photos en cours de traitement</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) are still being processed.</source>
        <translation>
            <numerusform>%n photo est encore en cours de traitement.</numerusform>
            <numerusform>%n photos sont encore en cours de traitement.</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep them: photos sent to IACrea carry on there and SkyClear collects the results the next time it starts (local ones start again). Nothing is lost either way.</source>
        <translation>Conservez-les&#xa0;: les photos envoyées à IACrea continuent d’y être traitées et SkyClear récupère les résultats à son prochain démarrage (les traitements locaux reprennent). Rien n’est perdu dans un cas comme dans l’autre.</translation>
    </message>
    <message>
        <source>Keep them and quit</source>
        <translation>Les conserver et quitter</translation>
    </message>
    <message>
        <source>Stop them and quit</source>
        <translation>Les arrêter et quitter</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>Add your listing photos</source>
        <translation>Ajoutez les photos de votre annonce</translation>
    </message>
    <message>
        <source>Drop photos or a whole folder anywhere in this window, or choose them.
Then pick Interior sky or Declutter and press Generate.</source>
        <translation>Déposez des photos ou un dossier entier dans cette fenêtre, ou choisissez-les.
Puis choisissez Ciel intérieur ou Désencombrement et cliquez sur Générer.</translation>
    </message>
    <message>
        <source>Add photos…</source>
        <translation>Ajouter des photos…</translation>
    </message>
    <message>
        <source>JPEG, PNG, WebP and TIFF · your originals are never changed</source>
        <translation>JPEG, PNG, WebP et TIFF · vos originaux ne sont jamais modifiés</translation>
    </message>
</context>
<context>
    <name>ExportListingDialog</name>
    <message>
        <source>Listing site — 2048 px, up to 1 MB</source>
        <translation>Site d’annonces — 2048 px, 1 Mo au plus</translation>
    </message>
    <message>
        <source>Large — 3000 px, up to 3 MB</source>
        <translation>Grand — 3000 px, 3 Mo au plus</translation>
    </message>
    <message>
        <source>Full size — best quality</source>
        <translation>Taille réelle — meilleure qualité</translation>
    </message>
    <message>
        <source>Export listing</source>
        <translation>Exporter l’annonce</translation>
    </message>
    <message>
        <source>Deliver “%1”</source>
        <translation>Livrer «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Full size</source>
        <translation>Taille réelle</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Sans limite</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> Mo</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Long side</source>
        <translation>Grand côté</translation>
    </message>
    <message>
        <source>JPEG quality</source>
        <translation>Qualité JPEG</translation>
    </message>
    <message>
        <source>At most</source>
        <translation>Au plus</translation>
    </message>
    <message>
        <source>Draw “Virtually edited” on edited photos</source>
        <translation>Inscrire «&#xa0;Retouchée virtuellement&#xa0;» sur les photos retouchées</translation>
    </message>
    <message>
        <source>Add the original beside each edited photo</source>
        <translation>Ajouter la photo d’origine à côté de chaque photo retouchée</translation>
    </message>
    <message>
        <source>Before/after sheet for the seller (PDF)</source>
        <translation>Fiche avant/après pour le vendeur (PDF)</translation>
    </message>
    <message>
        <source>Keep a version of a photo first.</source>
        <translation>Retenez d’abord une version d’une photo.</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Into</source>
        <translation>Dans</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) in the listing&apos;s order, named 01-name.jpg…, each as its kept version.</source>
        <translation>
            <numerusform>%n photo dans l’ordre de l’annonce (fichier 01-nom.jpg), dans sa version retenue.</numerusform>
            <numerusform>%n photos dans l’ordre de l’annonce (fichiers 01-nom.jpg…), chacune dans sa version retenue.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) in the listing&apos;s order, named 01-name.jpg…, as taken: no version is kept yet.</source>
        <translation>
            <numerusform>%n photo dans l’ordre de l’annonce (fichier 01-nom.jpg), telle que prise&#xa0;: aucune version n’est encore retenue.</numerusform>
            <numerusform>%n photos dans l’ordre de l’annonce (fichiers 01-nom.jpg…), telles que prises&#xa0;: aucune version n’est encore retenue.</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} in the listing&apos;s order, named 01-name.jpg…; {1}, the others go out as their original.</source>
        <translation>{0} dans l’ordre de l’annonce (fichiers 01-nom.jpg…)&#xa0;; {1}, les autres partent en photo d’origine.</translation>
    </message>
    <message>
        <source>Export the listing into</source>
        <translation>Exporter l’annonce dans</translation>
    </message>
</context>
<context>
    <name>ExportProgress</name>
    <message>
        <source>Stop export</source>
        <translation>Arrêter l’export</translation>
    </message>
    <message>
        <source>Stop after the file being written; the files already written are kept (Esc).</source>
        <translation>Arrêter après le fichier en cours d’écriture&#xa0;; les fichiers déjà écrits sont conservés (Échap).</translation>
    </message>
    <message>
        <source>Stopping the export…</source>
        <translation>Arrêt de l’export…</translation>
    </message>
</context>
<context>
    <name>GenerationController</name>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Review sky…</source>
        <translation>Vérifier le ciel…</translation>
    </message>
    <message>
        <source>Open Settings</source>
        <translation>Ouvrir les Paramètres</translation>
    </message>
    <message>
        <source>This photo could not be processed.</source>
        <translation>Cette photo n’a pas pu être traitée.</translation>
    </message>
    <message>
        <source>Generate cancelled: no mask painted.</source>
        <translation>Génération annulée&#xa0;: aucun masque peint.</translation>
    </message>
    <message>
        <source>Generate cancelled.</source>
        <translation>Génération annulée.</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) already have a result. Generating again uses a new credit for each; New variation may cost less. Generate anyway?</source>
        <translation>
            <numerusform>%n photo a déjà un résultat. La générer de nouveau utilise un nouveau crédit&#xa0;; une Nouvelle variation peut coûter moins. Générer quand même&#xa0;?</numerusform>
            <numerusform>%n photos ont déjà un résultat. Les générer de nouveau utilise un nouveau crédit pour chacune&#xa0;; une Nouvelle variation peut coûter moins. Générer quand même&#xa0;?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This sends %n photo(s) to IACrea and uses one credit for each. Send them?</source>
        <translation>
            <numerusform>Cela envoie %n photo à IACrea et utilise un crédit. L’envoyer&#xa0;?</numerusform>
            <numerusform>Cela envoie %n photos à IACrea et utilise un crédit pour chacune. Les envoyer&#xa0;?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) may already have used a credit: SkyClear was cut off while sending, or IACrea no longer knows the job. Sending again may use a second credit each. Send again?</source>
        <translation>
            <numerusform>%n photo a peut-être déjà utilisé un crédit&#xa0;: SkyClear a été interrompu pendant l’envoi, ou IACrea ne connaît plus la tâche. La renvoyer peut utiliser un second crédit. La renvoyer&#xa0;?</numerusform>
            <numerusform>%n photos ont peut-être déjà utilisé un crédit&#xa0;: SkyClear a été interrompu pendant l’envoi, ou IACrea ne connaît plus les tâches. Les renvoyer peut utiliser un second crédit pour chacune. Les renvoyer&#xa0;?</numerusform>
        </translation>
    </message>
    <message>
        <source>Generate again?</source>
        <translation>Générer de nouveau&#xa0;?</translation>
    </message>
    <message>
        <source>Nothing to do: every photo was skipped.</source>
        <translation>Rien à faire&#xa0;: toutes les photos ont été ignorées.</translation>
    </message>
    <message>
        <source>Photo credits</source>
        <translation>Crédits photo</translation>
    </message>
    <message numerus="yes">
        <source>Starting %n photo(s) on this computer…</source>
        <translation>
            <numerusform>Démarrage de %n photo sur cet ordinateur…</numerusform>
            <numerusform>Démarrage de %n photos sur cet ordinateur…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sending %n photo(s)…</source>
        <translation>
            <numerusform>Envoi de %n photo…</numerusform>
            <numerusform>Envoi de %n photos…</numerusform>
        </translation>
    </message>
    <message>
        <source>Variation requested.</source>
        <translation>Variation demandée.</translation>
    </message>
    <message>
        <source>Send again?</source>
        <translation>Renvoyer&#xa0;?</translation>
    </message>
</context>
<context>
    <name>HostForm</name>
    <message>
        <source>IACrea fetches each photo from a web address, so SkyClear first puts a copy of the prepared photo online (resized, without location or camera data). With a bucket, IACrea gets a private link that stops working after the time you choose below; the file has a random name and nobody can list your photos. The local engine needs none of this.</source>
        <translation>IACrea récupère chaque photo à partir d’une adresse web&#xa0;: SkyClear met donc d’abord en ligne une copie de la photo préparée (redimensionnée, sans données de localisation ni d’appareil). Avec un bucket, IACrea reçoit un lien privé qui cesse de fonctionner après la durée choisie ci-dessous&#xa0;; le fichier porte un nom aléatoire et personne ne peut lister vos photos. Le moteur local n’a besoin de rien de tout cela.</translation>
    </message>
    <message>
        <source>No image host (local engine only)</source>
        <translation>Aucun hébergement (moteur local uniquement)</translation>
    </message>
    <message>
        <source>Upload URL (HTTP PUT)</source>
        <translation>Adresse d’envoi (HTTP PUT)</translation>
    </message>
    <message>
        <source>Storage bucket (S3-compatible)</source>
        <translation>Bucket de stockage (compatible S3)</translation>
    </message>
    <message>
        <source>Test upload</source>
        <translation>Tester l’envoi</translation>
    </message>
    <message>
        <source>Uploads a small test picture, reads it back through its link without any password, as IACrea would, and deletes it</source>
        <translation>Envoie une petite image de test, la relit par son lien sans mot de passe, comme le ferait IACrea, puis la supprime</translation>
    </message>
    <message>
        <source>Upload address</source>
        <translation>Adresse d’envoi</translation>
    </message>
    <message>
        <source>Each photo is sent with HTTP PUT to this address followed by a random file name, and IACrea reads it back from the address the server answers with.</source>
        <translation>Chaque photo est envoyée par HTTP PUT à cette adresse suivie d’un nom de fichier aléatoire, et IACrea la relit à l’adresse renvoyée par le serveur.</translation>
    </message>
    <message>
        <source>Another S3-compatible service</source>
        <translation>Autre service compatible S3</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <source>32 letters and digits</source>
        <translation>32 lettres et chiffres</translation>
    </message>
    <message>
        <source>Account ID</source>
        <translation>ID de compte</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Adresse du serveur</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <source>Automatic (default)</source>
        <translation>Automatique (par défaut)</translation>
    </message>
    <message>
        <source>European Union</source>
        <translation>Union européenne</translation>
    </message>
    <message>
        <source>FedRAMP</source>
        <translation>FedRAMP</translation>
    </message>
    <message>
        <source>Jurisdiction</source>
        <translation>Juridiction</translation>
    </message>
    <message>
        <source>stored — type to replace</source>
        <translation>enregistrée — tapez pour la remplacer</translation>
    </message>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation>Bucket</translation>
    </message>
    <message>
        <source>Folder prefix</source>
        <translation>Préfixe de dossier</translation>
    </message>
    <message>
        <source>Access key ID</source>
        <translation>ID de clé d’accès</translation>
    </message>
    <message>
        <source>Secret access key</source>
        <translation>Clé d’accès secrète</translation>
    </message>
    <message>
        <source>Links valid for</source>
        <translation>Liens valables</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Point de terminaison</translation>
    </message>
    <message>
        <source>&lt;a href=&quot;{0}&quot;&gt;How to create a bucket and an access key at {1}&lt;/a&gt;</source>
        <translation>&lt;a href=&quot;{0}&quot;&gt;Créer un bucket et une clé d’accès chez {1}&lt;/a&gt;</translation>
    </message>
    <message>
        <source>(fill in the fields above)</source>
        <translation>(remplissez les champs ci-dessus)</translation>
    </message>
    <message>
        <source>Enter the upload address (starting with https://) or choose another image host.</source>
        <translation>Saisissez l’adresse d’envoi (commençant par https://) ou choisissez un autre hébergement d’images.</translation>
    </message>
    <message>
        <source>Enter the bucket name (at least 3 characters) or choose another image host.</source>
        <translation>Saisissez le nom du bucket (au moins 3 caractères) ou choisissez un autre hébergement d’images.</translation>
    </message>
    <message>
        <source>Uploading a test picture…</source>
        <translation>Envoi d’une image de test…</translation>
    </message>
    <message>
        <source>The test could not be run on this computer.</source>
        <translation>Le test n’a pas pu être lancé sur cet ordinateur.</translation>
    </message>
</context>
<context>
    <name>JobStatus</name>
    <message>
        <source>Interior sky</source>
        <translation>Ciel intérieur</translation>
    </message>
    <message>
        <source>Declutter</source>
        <translation>Désencombrement</translation>
    </message>
    <message>
        <source>Waiting to start…</source>
        <translation>En attente de démarrage…</translation>
    </message>
    <message>
        <source>Preparing the photo…</source>
        <translation>Préparation de la photo…</translation>
    </message>
    <message>
        <source>Uploading the photo…</source>
        <translation>Envoi de la photo…</translation>
    </message>
    <message>
        <source>Sending to IACrea…</source>
        <translation>Transmission à IACrea…</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Démarrage…</translation>
    </message>
    <message>
        <source>Queued at IACrea…</source>
        <translation>En file d’attente chez IACrea…</translation>
    </message>
    <message>
        <source>Queued on this computer…</source>
        <translation>En file d’attente sur cet ordinateur…</translation>
    </message>
    <message>
        <source>Processing at IACrea…</source>
        <translation>Traitement chez IACrea…</translation>
    </message>
    <message>
        <source>Processing on this computer…</source>
        <translation>Traitement sur cet ordinateur…</translation>
    </message>
    <message>
        <source>Downloading the result…</source>
        <translation>Téléchargement du résultat…</translation>
    </message>
    <message>
        <source>Saving the result…</source>
        <translation>Enregistrement du résultat…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Arrêté</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>Préparation</translation>
    </message>
    <message>
        <source>Uploading</source>
        <translation>Envoi</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Transmission</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Démarrage</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En file</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>Traitement</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Téléchargement</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>Waiting — {0}</source>
        <translation>En attente — {0}</translation>
    </message>
    <message>
        <source>Elapsed {0}</source>
        <translation>Écoulé&#xa0;: {0}</translation>
    </message>
    <message>
        <source>Elapsed {0} · next try at {1}</source>
        <translation>Écoulé&#xa0;: {0} · prochain essai à {1}</translation>
    </message>
    <message>
        <source>Elapsed {0} · trying again: {1}</source>
        <translation>Écoulé&#xa0;: {0} · nouvelle tentative&#xa0;: {1}</translation>
    </message>
    <message>
        <source>Done — {0}</source>
        <translation>Terminé — {0}</translation>
    </message>
    <message>
        <source>Took {0}</source>
        <translation>Durée&#xa0;: {0}</translation>
    </message>
</context>
<context>
    <name>JobsController</name>
    <message>
        <source>{0}: result ready.</source>
        <translation>{0}&#xa0;: résultat prêt.</translation>
    </message>
    <message>
        <source>Result ready</source>
        <translation>Résultat prêt</translation>
    </message>
    <message>
        <source>{0} — {1} is ready to compare.</source>
        <translation>{0} — {1}&#xa0;: prêt à comparer.</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}&#xa0;: {1}</translation>
    </message>
    <message>
        <source>Photo not processed</source>
        <translation>Photo non traitée</translation>
    </message>
</context>
<context>
    <name>Library</name>
    <message>
        <source>Sky ✓</source>
        <translation>Ciel ✓</translation>
    </message>
    <message>
        <source>Sky running</source>
        <translation>Ciel en cours</translation>
    </message>
    <message>
        <source>Sky failed</source>
        <translation>Ciel en échec</translation>
    </message>
    <message>
        <source>Sky stopped</source>
        <translation>Ciel arrêté</translation>
    </message>
    <message>
        <source>Declutter ✓</source>
        <translation>Désencombrement ✓</translation>
    </message>
    <message>
        <source>Declutter running</source>
        <translation>Désencombrement en cours</translation>
    </message>
    <message>
        <source>Declutter failed</source>
        <translation>Désencombrement en échec</translation>
    </message>
    <message>
        <source>Declutter stopped</source>
        <translation>Désencombrement arrêté</translation>
    </message>
    <message>
        <source>Not sent yet</source>
        <translation>Pas encore envoyée</translation>
    </message>
</context>
<context>
    <name>LibraryController</name>
    <message>
        <source>No photos</source>
        <translation>Aucune photo</translation>
    </message>
    <message>
        <source>No photos were found there (SkyClear opens JPEG, PNG, WebP and TIFF files).</source>
        <translation>Aucune photo trouvée à cet endroit (SkyClear ouvre les fichiers JPEG, PNG, WebP et TIFF).</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) added.</source>
        <translation>
            <numerusform>%n photo ajoutée.</numerusform>
            <numerusform>%n photos ajoutées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Already in this listing.</source>
        <translation>Déjà dans cette annonce.</translation>
    </message>
    <message>
        <source>No recent photos</source>
        <translation>Aucune photo récente</translation>
    </message>
    <message>
        <source>Remove from library</source>
        <translation>Retirer de la bibliothèque</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n photo(s) and their results from the library? The result files stay in the library folder; your original photos are not touched.</source>
        <translation>
            <numerusform>Retirer cette photo et ses résultats de la bibliothèque&#xa0;? Les fichiers de résultats restent dans le dossier de la bibliothèque&#xa0;; vos photos d’origine ne sont pas modifiées.</numerusform>
            <numerusform>Retirer ces %n photos et leurs résultats de la bibliothèque&#xa0;? Les fichiers de résultats restent dans le dossier de la bibliothèque&#xa0;; vos photos d’origine ne sont pas modifiées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Kept for the listing.</source>
        <translation>Retenue pour l’annonce.</translation>
    </message>
    <message>
        <source>No version kept: the original goes out with the listing.</source>
        <translation>Aucune version retenue&#xa0;: la photo d’origine part avec l’annonce.</translation>
    </message>
    <message>
        <source>This file could not be opened.</source>
        <translation>Ce fichier n’a pas pu être ouvert.</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <source>Unreadable</source>
        <translation>Illisible</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <source>Photo library</source>
        <translation>Bibliothèque de photos</translation>
    </message>
    <message>
        <source>No photos yet.
Drop photos or folders here,
or press Ctrl+O.</source>
        <translation>Pas encore de photos.
Déposez des photos ou des dossiers ici,
ou appuyez sur Ctrl+O.</translation>
    </message>
</context>
<context>
    <name>ListingBar</name>
    <message>
        <source>Listing</source>
        <translation>Annonce</translation>
    </message>
    <message>
        <source>The listing the library shows</source>
        <translation>L’annonce affichée dans la bibliothèque</translation>
    </message>
    <message>
        <source>Listing menu</source>
        <translation>Menu de l’annonce</translation>
    </message>
    <message>
        <source>New, rename, archive or export a listing</source>
        <translation>Créer, renommer, archiver ou exporter une annonce</translation>
    </message>
    <message>
        <source>My photos</source>
        <translation>Mes photos</translation>
    </message>
</context>
<context>
    <name>ListingController</name>
    <message>
        <source>New listing</source>
        <translation>Nouvelle annonce</translation>
    </message>
    <message>
        <source>Name (an address, a client):</source>
        <translation>Nom (une adresse, un client)&#xa0;:</translation>
    </message>
    <message>
        <source>Rename listing</source>
        <translation>Renommer l’annonce</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Nouveau nom&#xa0;:</translation>
    </message>
    <message>
        <source>Archive listing</source>
        <translation>Archiver l’annonce</translation>
    </message>
    <message>
        <source>Put “%1” away? Its photos and results stay on this computer.</source>
        <translation>Ranger «&#xa0;%1&#xa0;»&#xa0;? Ses photos et ses résultats restent sur cet ordinateur.</translation>
    </message>
    <message>
        <source>The listing is being exported: stop the export or wait for it to end.</source>
        <translation>L’annonce est en cours d’export&#xa0;: arrêtez l’export ou attendez qu’il se termine.</translation>
    </message>
    <message numerus="yes">
        <source>Exporting: %1 of %n file(s) written…</source>
        <translation>
            <numerusform>Export&#xa0;: %1 sur %n fichier écrit…</numerusform>
            <numerusform>Export&#xa0;: %1 sur %n fichiers écrits…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The export stopped unexpectedly, perhaps for lack of memory: %n of %1 file(s) were written to %2, complete and kept. Close other programs and export again.</source>
        <translation>
            <numerusform>L’export s’est arrêté de façon inattendue, peut-être faute de mémoire&#xa0;: %n fichier sur %1 a été écrit dans %2, complet et conservé. Fermez d’autres programmes et relancez l’export.</numerusform>
            <numerusform>L’export s’est arrêté de façon inattendue, peut-être faute de mémoire&#xa0;: %n fichiers sur %1 ont été écrits dans %2, complets et conservés. Fermez d’autres programmes et relancez l’export.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) exported to %1. The before/after sheet could not be saved there (%2); the photos are complete, export again to make the sheet.</source>
        <translation>
            <numerusform>%n photo exportée dans %1. La fiche avant/après n’a pas pu y être enregistrée (%2)&#xa0;; la photo est complète, exportez à nouveau pour obtenir la fiche.</numerusform>
            <numerusform>%n photos exportées dans %1. La fiche avant/après n’a pas pu y être enregistrée (%2)&#xa0;; les photos sont complètes, exportez à nouveau pour obtenir la fiche.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export stopped.</source>
        <translation>Export arrêté.</translation>
    </message>
    <message>
        <source>Export stopped before any file was written.</source>
        <translation>Export arrêté avant qu’un fichier soit écrit.</translation>
    </message>
    <message numerus="yes">
        <source>Export stopped while the before/after sheet was drawn: %n file(s) written to %1, complete and kept; no sheet was written.</source>
        <translation>
            <numerusform>Export arrêté pendant la fiche avant/après&#xa0;: %n fichier écrit dans %1, complet et conservé&#xa0;; aucune fiche n’a été écrite.</numerusform>
            <numerusform>Export arrêté pendant la fiche avant/après&#xa0;: %n fichiers écrits dans %1, complets et conservés&#xa0;; aucune fiche n’a été écrite.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Export stopped: %1 of %n file(s) written to %2. Those files are complete and kept; export again to write them all.</source>
        <translation>
            <numerusform>Export arrêté&#xa0;: %1 fichier sur %n écrit dans %2. Ce qui a été écrit est complet et conservé&#xa0;; exportez à nouveau pour tout écrire.</numerusform>
            <numerusform>Export arrêté&#xa0;: %1 sur %n fichiers écrits dans %2. Ce qui a été écrit est complet et conservé&#xa0;; exportez à nouveau pour tout écrire.</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting “%1”…</source>
        <translation>Export de «&#xa0;%1&#xa0;»…</translation>
    </message>
    <message>
        <source>Before/after sheet: page %1 of %2…</source>
        <translation>Fiche avant/après&#xa0;: page %1 sur %2…</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) exported to %1.</source>
        <translation>
            <numerusform>%n fichier exporté dans %1.</numerusform>
            <numerusform>%n fichiers exportés dans %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>The before/after sheet is %1.</source>
        <translation>La fiche avant/après est le fichier %1.</translation>
    </message>
    <message>
        <source>Export finished.</source>
        <translation>Export terminé.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Already being sent or processed: Generate waits until it is finished.</source>
        <translation>Déjà en cours d’envoi ou de traitement&#xa0;: Générer attend que ce soit terminé.</translation>
    </message>
    <message>
        <source>Select one or more photos in the library.</source>
        <translation>Sélectionnez une ou plusieurs photos dans la bibliothèque.</translation>
    </message>
    <message>
        <source>This photo is being processed. You can generate others meanwhile.</source>
        <translation>Cette photo est en cours de traitement. Vous pouvez en générer d’autres en attendant.</translation>
    </message>
    <message>
        <source>Not sent yet: choose a service and press Generate.</source>
        <translation>Pas encore envoyée&#xa0;: choisissez un service et cliquez sur Générer.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message numerus="yes">
        <source>Continuing %n photo(s) not finished last time.</source>
        <translation>
            <numerusform>Reprise de %n photo non terminée la dernière fois.</numerusform>
            <numerusform>Reprise de %n photos non terminées la dernière fois.</numerusform>
        </translation>
    </message>
    <message>
        <source>Open Settings</source>
        <translation>Ouvrir les Paramètres</translation>
    </message>
    <message>
        <source>About SkyClear</source>
        <translation>À propos de SkyClear</translation>
    </message>
    <message>
        <source>&lt;h3&gt;SkyClear {0}&lt;/h3&gt;&lt;p&gt;Blue skies and clutter-free rooms for real-estate listing photos, with the IACrea cloud or the offline local engine.&lt;/p&gt;&lt;p&gt;Your original photos are never modified. Data folder:&lt;br&gt;&lt;code&gt;{1}&lt;/code&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;SkyClear {0}&lt;/h3&gt;&lt;p&gt;Des ciels bleus et des pièces désencombrées pour les photos de vos annonces immobilières, avec le cloud IACrea ou le moteur local hors ligne.&lt;/p&gt;&lt;p&gt;Vos photos d’origine ne sont jamais modifiées. Dossier de données&#xa0;:&lt;br&gt;&lt;code&gt;{1}&lt;/code&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Something went wrong on this computer: {0}</source>
        <translation>Un problème est survenu sur cet ordinateur&#xa0;: {0}</translation>
    </message>
    <message>
        <source>LIBRARY</source>
        <translation>BIBLIOTHÈQUE</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principale</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>Open recent</source>
        <translation>Ouvrir un fichier récent</translation>
    </message>
    <message>
        <source>&amp;Photo</source>
        <translation>&amp;Photo</translation>
    </message>
    <message>
        <source>&amp;Listing</source>
        <translation>A&amp;nnonce</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
</context>
<context>
    <name>MaskCanvas</name>
    <message>
        <source>One moment: still working on the last step.</source>
        <translation>Un instant&#xa0;: l’étape précédente est encore en cours.</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>Pinceau</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>Gomme</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>Rectangle</translation>
    </message>
    <message>
        <source>Lasso</source>
        <translation>Lasso</translation>
    </message>
</context>
<context>
    <name>MaskEditorDialog</name>
    <message>
        <source>Paint what to remove</source>
        <translation>Peignez ce qu’il faut retirer</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Défaire</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <source>The blue area is the proposed selection. Click to add more, Shift-click to take away.</source>
        <translation>La zone bleue est la sélection proposée. Cliquez pour ajouter, Maj+clic pour retirer.</translation>
    </message>
    <message>
        <source>Add to mask</source>
        <translation>Ajouter au masque</translation>
    </message>
    <message>
        <source>Add the selection to the mask (Enter)</source>
        <translation>Ajouter la sélection au masque (Entrée)</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Abandonner</translation>
    </message>
    <message>
        <source>Forget the selection (Esc)</source>
        <translation>Abandonner la sélection (Échap)</translation>
    </message>
    <message>
        <source>Import mask…</source>
        <translation>Importer un masque…</translation>
    </message>
    <message>
        <source>Use a mask image made elsewhere (white = remove); other sizes are scaled</source>
        <translation>Utiliser une image de masque faite ailleurs (blanc = à retirer)&#xa0;; les autres tailles sont mises à l’échelle</translation>
    </message>
    <message>
        <source>Export mask…</source>
        <translation>Exporter le masque…</translation>
    </message>
    <message>
        <source>Save the mask as a PNG the service accepts (white = remove)</source>
        <translation>Enregistrer le masque en PNG accepté par le service (blanc = à retirer)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Close without generating</source>
        <translation>Fermer sans générer</translation>
    </message>
    <message>
        <source>Generate variation</source>
        <translation>Générer la variation</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Générer</translation>
    </message>
    <message>
        <source>Ask for a variation with the painted areas removed</source>
        <translation>Demander une variation sans les zones peintes</translation>
    </message>
    <message>
        <source>Send the photo with the painted areas removed</source>
        <translation>Envoyer la photo pour en retirer les zones peintes</translation>
    </message>
    <message>
        <source>Opening the photo…</source>
        <translation>Ouverture de la photo…</translation>
    </message>
    <message>
        <source>Paint over what should be removed. Wheel zooms, Space-drag or middle-drag pans.</source>
        <translation>Peignez ce qu’il faut retirer. La molette zoome&#xa0;; Espace+glisser ou le bouton du milieu déplace la vue.</translation>
    </message>
    <message>
        <source>Finding the object…</source>
        <translation>Recherche de l’objet…</translation>
    </message>
    <message>
        <source>Nothing marked yet</source>
        <translation>Rien de marqué pour l’instant</translation>
    </message>
    <message>
        <source>Less than 0.1 % of the photo marked</source>
        <translation>Zone marquée&#xa0;: moins de 0,1&#xa0;% de la photo</translation>
    </message>
    <message>
        <source>%1 % of the photo marked</source>
        <translation>Zone marquée&#xa0;: %1&#xa0;% de la photo</translation>
    </message>
    <message>
        <source>Paint over what should be removed first</source>
        <translation>Peignez d’abord ce qu’il faut retirer</translation>
    </message>
    <message>
        <source>The mask covers the whole photo; leave something to keep</source>
        <translation>Le masque couvre toute la photo&#xa0;; laissez quelque chose à conserver</translation>
    </message>
    <message>
        <source>Import a mask</source>
        <translation>Importer un masque</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.tif *.tiff *.bmp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.webp *.tif *.tiff *.bmp)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importation</translation>
    </message>
    <message>
        <source>Mask imported from “%1”.</source>
        <translation>Masque importé depuis «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Export the mask</source>
        <translation>Exporter le masque</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Image PNG (*.png)</translation>
    </message>
    <message>
        <source>Mask saved to “%1”.</source>
        <translation>Masque enregistré dans «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Discard the mask?</source>
        <translation>Abandonner le masque&#xa0;?</translation>
    </message>
    <message>
        <source>Close the editor and lose what you painted? Export the mask first to keep it.</source>
        <translation>Fermer l’éditeur et perdre ce que vous avez peint&#xa0;? Exportez d’abord le masque pour le garder.</translation>
    </message>
</context>
<context>
    <name>MaskSurface</name>
    <message>
        <source>Opening the photo…</source>
        <translation>Ouverture de la photo…</translation>
    </message>
    <message>
        <source>Invert</source>
        <translation>Inverser</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Grow</source>
        <translation>Élargir</translation>
    </message>
    <message>
        <source>Shrink</source>
        <translation>Réduire</translation>
    </message>
    <message>
        <source>Finding the object…</source>
        <translation>Recherche de l’objet…</translation>
    </message>
    <message>
        <source>No object found there; try dragging a box around it.</source>
        <translation>Aucun objet trouvé à cet endroit&#xa0;; essayez de tracer un cadre autour.</translation>
    </message>
    <message>
        <source>Enter adds the blue selection to the mask, Esc discards it; click again to add, Shift-click to take away.</source>
        <translation>Entrée ajoute la sélection bleue au masque, Échap l’abandonne&#xa0;; cliquez encore pour ajouter, Maj+clic pour retirer.</translation>
    </message>
    <message>
        <source>Smart select</source>
        <translation>Sélection intelligente</translation>
    </message>
</context>
<context>
    <name>MaskToolbar</name>
    <message>
        <source>Brush</source>
        <translation>Pinceau</translation>
    </message>
    <message>
        <source>Paint what to remove (B). Right-drag erases; Shift-click draws a straight line.</source>
        <translation>Peignez ce qu’il faut retirer (B). Glisser avec le bouton droit efface&#xa0;; Maj+clic trace une ligne droite.</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>Gomme</translation>
    </message>
    <message>
        <source>Erase from the mask (E; X swaps with the brush).</source>
        <translation>Effacer du masque (E&#xa0;; X alterne avec le pinceau).</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>Rectangle</translation>
    </message>
    <message>
        <source>Drag to fill a rectangle (R); hold Alt to erase one.</source>
        <translation>Glissez pour remplir un rectangle (R)&#xa0;; maintenez Alt pour en effacer un.</translation>
    </message>
    <message>
        <source>Lasso</source>
        <translation>Lasso</translation>
    </message>
    <message>
        <source>Draw around an area to fill it (L); hold Alt to erase.</source>
        <translation>Entourez une zone pour la remplir (L)&#xa0;; maintenez Alt pour effacer.</translation>
    </message>
    <message>
        <source>Smart select</source>
        <translation>Sélection intelligente</translation>
    </message>
    <message>
        <source>Click an object, or drag a box around it, to select it (W). Shift-click takes away from the selection; Enter adds it to the mask, Esc discards it.</source>
        <translation>Cliquez sur un objet ou tracez un cadre autour pour le sélectionner (W). Maj+clic retire de la sélection&#xa0;; Entrée l’ajoute au masque, Échap l’abandonne.</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Brush and eraser size in photo pixels ([ smaller, ] larger)</source>
        <translation>Taille du pinceau et de la gomme en pixels de la photo ([ plus petit, ] plus grand)</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Défaire</translation>
    </message>
    <message>
        <source>Undo (Ctrl+Z)</source>
        <translation>Défaire la dernière modification (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <source>Redo (Ctrl+Shift+Z or Ctrl+Y)</source>
        <translation>Rétablir (Ctrl+Maj+Z ou Ctrl+Y)</translation>
    </message>
    <message>
        <source>Grow</source>
        <translation>Élargir</translation>
    </message>
    <message>
        <source>Widen the whole mask by the given pixels</source>
        <translation>Élargir tout le masque du nombre de pixels indiqué</translation>
    </message>
    <message>
        <source>Shrink</source>
        <translation>Réduire</translation>
    </message>
    <message>
        <source>Narrow the whole mask by the given pixels</source>
        <translation>Réduire tout le masque du nombre de pixels indiqué</translation>
    </message>
    <message>
        <source>How far Grow and Shrink move the mask&apos;s edge</source>
        <translation>De combien Élargir et Réduire déplacent le bord du masque</translation>
    </message>
    <message>
        <source>Invert</source>
        <translation>Inverser</translation>
    </message>
    <message>
        <source>Mark what is kept and keep what is marked</source>
        <translation>Marquer ce qui est conservé et conserver ce qui est marqué</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Remove every mark</source>
        <translation>Retirer toutes les marques</translation>
    </message>
    <message>
        <source>Show mask</source>
        <translation>Afficher le masque</translation>
    </message>
    <message>
        <source>Show or hide the mask (hold M to peek at the photo)</source>
        <translation>Afficher ou masquer le masque (maintenez M pour voir la photo)</translation>
    </message>
    <message>
        <source>Mask colour</source>
        <translation>Couleur du masque</translation>
    </message>
    <message>
        <source>Other colour…</source>
        <translation>Autre couleur…</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Opacité</translation>
    </message>
    <message>
        <source>How strongly the mask colour covers the photo</source>
        <translation>Intensité avec laquelle la couleur du masque couvre la photo</translation>
    </message>
    <message>
        <source>Zoom out (−, or the mouse wheel)</source>
        <translation>Zoom arrière (− ou molette de la souris)</translation>
    </message>
    <message>
        <source>Zoom in (+, or the mouse wheel)</source>
        <translation>Zoom avant (+ ou molette de la souris)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajuster</translation>
    </message>
    <message>
        <source>Show the whole photo (0)</source>
        <translation>Afficher la photo entière (0)</translation>
    </message>
    <message>
        <source>100 %</source>
        <translation>100&#xa0;%</translation>
    </message>
    <message>
        <source>One photo pixel per screen pixel (1)</source>
        <translation>Un pixel de la photo par pixel d’écran (1)</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>No IACrea API key is set — add your API key in Settings.</source>
        <translation>Aucune clé API IACrea n’est enregistrée — ajoutez votre clé API dans les Paramètres.</translation>
    </message>
    <message>
        <source>No IACrea user ID is set — add your user ID in Settings.</source>
        <translation>Aucun identifiant utilisateur IACrea n’est enregistré — ajoutez-le dans les Paramètres.</translation>
    </message>
    <message>
        <source>SkyClear could not read your API key from the system keyring (it may be locked): unlock it and try again (the command line can also take the key from IACREA_API_KEY), or use the local engine, which needs no account.</source>
        <translation>SkyClear n’a pas pu lire votre clé API dans le trousseau système (il est peut-être verrouillé)&#xa0;: déverrouillez-le et réessayez (la ligne de commande peut aussi prendre la clé dans IACREA_API_KEY), ou utilisez le moteur local, qui ne demande aucun compte.</translation>
    </message>
    <message>
        <source>No IACrea API key is set: add it in Settings, or use the local engine, which needs no account.</source>
        <translation>Aucune clé API IACrea n’est enregistrée&#xa0;: ajoutez-la dans les Paramètres, ou utilisez le moteur local, qui ne demande aucun compte.</translation>
    </message>
    <message>
        <source>No IACrea user ID is set: add it in Settings, or use the local engine, which needs no account.</source>
        <translation>Aucun identifiant utilisateur IACrea n’est enregistré&#xa0;: ajoutez-le dans les Paramètres, ou utilisez le moteur local, qui ne demande aucun compte.</translation>
    </message>
    <message>
        <source>Neither an IACrea API key nor a user ID is set: add them in Settings, or use the local engine, which needs no account.</source>
        <translation>Ni clé API ni identifiant utilisateur IACrea ne sont enregistrés&#xa0;: ajoutez-les dans les Paramètres, ou utilisez le moteur local, qui ne demande aucun compte.</translation>
    </message>
    <message>
        <source>No IACrea API key is set: add it in Settings (this computer has no system keyring, so set IACREA_API_KEY for the command line), or use the local engine, which needs no account.</source>
        <translation>Aucune clé API IACrea n’est enregistrée&#xa0;: ajoutez-la dans les Paramètres (cet ordinateur n’a pas de trousseau système&#xa0;; pour la ligne de commande, définissez IACREA_API_KEY), ou utilisez le moteur local, qui ne demande aucun compte.</translation>
    </message>
    <message>
        <source>No IACrea user ID is set: add it in Settings (this computer has no system keyring, so set IACREA_API_KEY for the command line), or use the local engine, which needs no account.</source>
        <translation>Aucun identifiant utilisateur IACrea n’est enregistré&#xa0;: ajoutez-le dans les Paramètres (cet ordinateur n’a pas de trousseau système&#xa0;; pour la ligne de commande, définissez IACREA_API_KEY), ou utilisez le moteur local, qui ne demande aucun compte.</translation>
    </message>
    <message>
        <source>Neither an IACrea API key nor a user ID is set: add them in Settings (this computer has no system keyring, so set IACREA_API_KEY for the command line), or use the local engine, which needs no account.</source>
        <translation>Ni clé API ni identifiant utilisateur IACrea ne sont enregistrés&#xa0;: ajoutez-les dans les Paramètres (cet ordinateur n’a pas de trousseau système&#xa0;; pour la ligne de commande, définissez IACREA_API_KEY), ou utilisez le moteur local, qui ne demande aucun compte.</translation>
    </message>
    <message>
        <source>The IACrea service address in Settings is not a valid web address.</source>
        <translation>L’adresse du service IACrea indiquée dans les Paramètres n’est pas une adresse web valide.</translation>
    </message>
    <message>
        <source>The IACrea service address starts with http://, which would send your API key and photos unencrypted: use https://, or tick &quot;Allow insecure addresses&quot; in Settings (--allow-insecure-address) if you trust the network.</source>
        <translation>L’adresse du service IACrea commence par http://, ce qui enverrait votre clé API et vos photos sans chiffrement&#xa0;: utilisez https://, ou cochez «&#xa0;Autoriser les adresses non sécurisées&#xa0;» dans les Paramètres (--allow-insecure-address) si vous faites confiance au réseau.</translation>
    </message>
    <message>
        <source>To send a photo to IACrea it must first be put online: choose an image host (an upload URL or an S3-compatible bucket) in Settings.</source>
        <translation>Pour envoyer une photo à IACrea, il faut d’abord la mettre en ligne&#xa0;: choisissez un hébergement d’images (une adresse d’envoi ou un bucket compatible S3) dans les Paramètres.</translation>
    </message>
    <message>
        <source>The service&apos;s answer about your credits could not be understood.</source>
        <translation>La réponse du service sur vos crédits n’a pas pu être comprise.</translation>
    </message>
    <message>
        <source>The service accepted the request but its answer could not be read; it was not sent again so you are not charged twice — check your IACrea account before trying again.</source>
        <translation>Le service a accepté la demande mais sa réponse était illisible&#xa0;; elle n’a pas été renvoyée, pour ne pas vous faire payer deux fois — vérifiez votre compte IACrea avant de réessayer.</translation>
    </message>
    <message>
        <source>The service accepted the request but did not say which generation it started; it was not sent again so you are not charged twice — check the IACrea website.</source>
        <translation>Le service a accepté la demande sans indiquer quelle génération il a lancée&#xa0;; elle n’a pas été renvoyée, pour ne pas vous faire payer deux fois — vérifiez sur le site d’IACrea.</translation>
    </message>
    <message>
        <source>The connection was lost while the request was being sent; it was not sent again so you are not charged twice — check the IACrea website before trying again.</source>
        <translation>La connexion a été perdue pendant l’envoi de la demande&#xa0;; elle n’a pas été renvoyée, pour ne pas vous faire payer deux fois — vérifiez sur le site d’IACrea avant de réessayer.</translation>
    </message>
    <message>
        <source>The service sent an answer that could not be understood — try again later.</source>
        <translation>Le service a envoyé une réponse incompréhensible — réessayez plus tard.</translation>
    </message>
    <message>
        <source>The result&apos;s address redirected somewhere that cannot be downloaded.</source>
        <translation>L’adresse du résultat renvoie vers un emplacement impossible à télécharger.</translation>
    </message>
    <message>
        <source>The result&apos;s address redirected too many times, so it was not downloaded.</source>
        <translation>L’adresse du résultat a été redirigée trop de fois&#xa0;: il n’a pas été téléchargé.</translation>
    </message>
    <message>
        <source>The result file is far larger than any photo, so it was not downloaded.</source>
        <translation>Le fichier du résultat est bien plus gros qu’une photo&#xa0;: il n’a pas été téléchargé.</translation>
    </message>
    <message>
        <source>The service sent something that is not an image instead of the result — try downloading it again later.</source>
        <translation>Le service a envoyé autre chose qu’une image à la place du résultat — réessayez de le télécharger plus tard.</translation>
    </message>
    <message>
        <source>A secure connection to the service could not be made — check the service address in Settings and your network.</source>
        <translation>Impossible d’établir une connexion sécurisée avec le service — vérifiez l’adresse du service dans les Paramètres et votre réseau.</translation>
    </message>
    <message>
        <source>The address could not be used — check the service address in Settings.</source>
        <translation>Cette adresse est inutilisable — vérifiez l’adresse du service dans les Paramètres.</translation>
    </message>
    <message>
        <source>The service took too long to answer the request — try again in a moment.</source>
        <translation>Le service a mis trop de temps à répondre — réessayez dans un instant.</translation>
    </message>
    <message>
        <source>The service took too long to download the result — try again in a moment.</source>
        <translation>Le téléchargement du résultat a pris trop de temps — réessayez dans un instant.</translation>
    </message>
    <message>
        <source>The result could not be downloaded because the connection failed — check your internet connection.</source>
        <translation>Le résultat n’a pas pu être téléchargé car la connexion a échoué — vérifiez votre connexion internet.</translation>
    </message>
    <message>
        <source>Could not reach the IACrea service — check your internet connection.</source>
        <translation>Impossible de joindre le service IACrea — vérifiez votre connexion internet.</translation>
    </message>
    <message>
        <source>The service answered with a redirect instead of a result — check the service address in Settings.</source>
        <translation>Le service a répondu par une redirection au lieu d’un résultat — vérifiez l’adresse du service dans les Paramètres.</translation>
    </message>
    <message>
        <source>The service is receiving too many requests — wait a minute and try again.</source>
        <translation>Le service reçoit trop de demandes — patientez une minute puis réessayez.</translation>
    </message>
    <message>
        <source>The IACrea service is temporarily unavailable — try again in a few minutes.</source>
        <translation>Le service IACrea est momentanément indisponible — réessayez dans quelques minutes.</translation>
    </message>
    <message>
        <source>The IACrea service ran into an internal error — try again later.</source>
        <translation>Le service IACrea a rencontré une erreur interne — réessayez plus tard.</translation>
    </message>
    <message>
        <source>The result image could not be downloaded (error %1); its link may have expired — check the generation again for fresh links.</source>
        <translation>L’image du résultat n’a pas pu être téléchargée (erreur %1)&#xa0;; son lien a peut-être expiré — interrogez de nouveau la génération pour obtenir des liens à jour.</translation>
    </message>
    <message>
        <source>The service refused the request as invalid — check the photo and the user ID in Settings.</source>
        <translation>Le service a refusé la demande comme invalide — vérifiez la photo et l’identifiant utilisateur dans les Paramètres.</translation>
    </message>
    <message>
        <source>Your API key was refused — check the key and user ID in Settings.</source>
        <translation>Votre clé API a été refusée — vérifiez la clé et l’identifiant utilisateur dans les Paramètres.</translation>
    </message>
    <message>
        <source>Your IACrea account has no photo credits left — buy credits or wait for your subscription to renew.</source>
        <translation>Votre compte IACrea n’a plus de crédits photo — achetez des crédits ou attendez le renouvellement de votre abonnement.</translation>
    </message>
    <message>
        <source>Your IACrea account may not use this service right now — check your subscription and credits on the IACrea website.</source>
        <translation>Votre compte IACrea ne peut pas utiliser ce service pour le moment — vérifiez votre abonnement et vos crédits sur le site d’IACrea.</translation>
    </message>
    <message>
        <source>The service does not know this generation — it may have expired or belong to another account.</source>
        <translation>Le service ne connaît pas cette génération — elle a peut-être expiré ou appartient à un autre compte.</translation>
    </message>
    <message>
        <source>The service refused the request (error %1).</source>
        <translation>Le service a refusé la demande (erreur %1).</translation>
    </message>
    <message>
        <source>SkyClear was interrupted while sending this request, so it may or may not have reached IACrea. It was not sent again, so you are not charged twice: press Retry to send it anyway.</source>
        <translation>SkyClear a été interrompu pendant l’envoi de cette demande&#xa0;: elle est peut-être parvenue à IACrea, peut-être pas. Elle n’a pas été renvoyée, pour ne pas vous faire payer deux fois&#xa0;: cliquez sur Réessayer pour l’envoyer quand même.</translation>
    </message>
    <message>
        <source>IACrea no longer knows this generation, so its result cannot be fetched; Retry sends the photo again, which costs a credit.</source>
        <translation>IACrea ne connaît plus cette génération, son résultat ne peut donc pas être récupéré&#xa0;; Réessayer renvoie la photo, ce qui coûte un crédit.</translation>
    </message>
    <message>
        <source>This photo was sent with another IACrea account (user ID %1) and its result is kept: to fetch it, put that account&apos;s user ID and API key back in Settings.</source>
        <translation>Cette photo a été envoyée avec un autre compte IACrea (identifiant utilisateur %1) et son résultat est conservé&#xa0;: pour le récupérer, remettez l’identifiant utilisateur et la clé API de ce compte dans les Paramètres.</translation>
    </message>
    <message>
        <source>Given up: IACrea may still finish it and the credit stays spent; Retry looks for the result again at no cost.</source>
        <translation>Suivi abandonné&#xa0;: IACrea peut encore terminer cette photo et le crédit reste dépensé&#xa0;; Réessayer recherche le résultat sans frais.</translation>
    </message>
    <message>
        <source>Something went wrong on this computer while handling this photo.</source>
        <translation>Un problème est survenu sur cet ordinateur pendant le traitement de cette photo.</translation>
    </message>
    <message>
        <source>IACrea answered something unreadable.</source>
        <translation>IACrea a envoyé une réponse illisible.</translation>
    </message>
    <message>
        <source>IACrea said the photo is ready but sent no picture back.</source>
        <translation>IACrea indique que la photo est prête mais n’a renvoyé aucune image.</translation>
    </message>
    <message>
        <source>IACrea reports this photo as “%1”, a state SkyClear does not know; it keeps checking.</source>
        <translation>IACrea indique l’état «&#xa0;%1&#xa0;» pour cette photo, un état que SkyClear ne connaît pas&#xa0;; la vérification continue.</translation>
    </message>
    <message>
        <source>IACrea is taking much longer than usual; SkyClear still checks every few minutes.</source>
        <translation>IACrea met beaucoup plus de temps que d’habitude&#xa0;; SkyClear continue de vérifier toutes les quelques minutes.</translation>
    </message>
    <message>
        <source>The service could not process this photo.</source>
        <translation>Le service n’a pas pu traiter cette photo.</translation>
    </message>
    <message>
        <source>The service could not process this photo (%1).</source>
        <translation>Le service n’a pas pu traiter cette photo (%1).</translation>
    </message>
    <message>
        <source>The service could not process this photo. The photo credit was refunded.</source>
        <translation>Le service n’a pas pu traiter cette photo. Le crédit photo vous a été remboursé.</translation>
    </message>
    <message>
        <source>The service could not process this photo (%1). The photo credit was refunded.</source>
        <translation>Le service n’a pas pu traiter cette photo (%1). Le crédit photo vous a été remboursé.</translation>
    </message>
    <message>
        <source>No sky found in this photo</source>
        <translation>Aucun ciel trouvé sur cette photo</translation>
    </message>
    <message>
        <source>The photo %1 is no longer there: was it moved or deleted?</source>
        <translation>La photo %1 n’est plus là&#xa0;: a-t-elle été déplacée ou supprimée&#xa0;?</translation>
    </message>
    <message>
        <source>The local engine could not process this photo (%1).</source>
        <translation>Le moteur local n’a pas pu traiter cette photo (%1).</translation>
    </message>
    <message>
        <source>the local job was interrupted</source>
        <translation>le traitement local a été interrompu</translation>
    </message>
    <message>
        <source>an internal error</source>
        <translation>une erreur interne</translation>
    </message>
    <message>
        <source>The local engine needs a mask to know what to remove.</source>
        <translation>Le moteur local a besoin d’un masque pour savoir quoi retirer.</translation>
    </message>
    <message>
        <source>The local engine was closed before this photo&apos;s turn.</source>
        <translation>Le moteur local a été fermé avant le tour de cette photo.</translation>
    </message>
    <message>
        <source>The local engine stopped unexpectedly; the computer may be short of memory. Close other programs and press Retry.</source>
        <translation>Le moteur local s’est arrêté de façon inattendue&#xa0;; l’ordinateur manque peut-être de mémoire. Fermez d’autres programmes et cliquez sur Réessayer.</translation>
    </message>
    <message>
        <source>The photo at %1 could not be downloaded.</source>
        <translation>La photo à l’adresse %1 n’a pas pu être téléchargée.</translation>
    </message>
    <message>
        <source>The photo “%1” could not be found; it may have been moved or deleted.</source>
        <translation>La photo «&#xa0;%1&#xa0;» est introuvable&#xa0;; elle a peut-être été déplacée ou supprimée.</translation>
    </message>
    <message>
        <source>SkyClear is not allowed to open “%1”; check the file&apos;s permissions.</source>
        <translation>SkyClear n’a pas le droit d’ouvrir «&#xa0;%1&#xa0;»&#xa0;; vérifiez les autorisations du fichier.</translation>
    </message>
    <message>
        <source>“%1” could not be opened (%2).</source>
        <translation>«&#xa0;%1&#xa0;» n’a pas pu être ouvert (%2).</translation>
    </message>
    <message>
        <source>“%1” is a folder, not a photo.</source>
        <translation>«&#xa0;%1&#xa0;» est un dossier, pas une photo.</translation>
    </message>
    <message>
        <source>“%1” is an empty file (0 bytes), not a photo.</source>
        <translation>«&#xa0;%1&#xa0;» est un fichier vide (0 octet), pas une photo.</translation>
    </message>
    <message>
        <source>“%1” is too large (%2 MB); SkyClear reads photos of up to %3 MB.</source>
        <translation>«&#xa0;%1&#xa0;» est trop volumineux (%2&#xa0;Mo)&#xa0;; SkyClear lit les photos jusqu’à %3&#xa0;Mo.</translation>
    </message>
    <message>
        <source>“%1” is too large (%2 × %3 pixels); SkyClear reads photos of up to %4 megapixels.</source>
        <translation>La photo «&#xa0;%1&#xa0;» est trop grande (%2 × %3 pixels)&#xa0;; SkyClear lit les photos jusqu’à %4 mégapixels.</translation>
    </message>
    <message>
        <source>“%1” is too large to open safely; SkyClear reads photos of up to %2 megapixels.</source>
        <translation>La photo «&#xa0;%1&#xa0;» est trop grande pour être ouverte sans risque&#xa0;; SkyClear lit les photos jusqu’à %2 mégapixels.</translation>
    </message>
    <message>
        <source>“%1” is a camera RAW file, which SkyClear cannot read; export it as JPEG from your photo editor first.</source>
        <translation>«&#xa0;%1&#xa0;» est un fichier RAW d’appareil photo, que SkyClear ne sait pas lire&#xa0;; exportez-le d’abord en JPEG depuis votre logiciel photo.</translation>
    </message>
    <message>
        <source>“%1” is not a photo SkyClear can read.</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas une photo que SkyClear sait lire.</translation>
    </message>
    <message>
        <source>“%1” is a HEIC photo, which SkyClear cannot read; export it as JPEG first (for example with File › Export in Photos on a Mac, or by choosing “Most Compatible” under Settings › Camera › Formats on an iPhone).</source>
        <translation>«&#xa0;%1&#xa0;» est une photo HEIC, que SkyClear ne sait pas lire&#xa0;; exportez-la d’abord en JPEG (par exemple avec Fichier › Exporter dans Photos sur Mac, ou en choisissant «&#xa0;Le plus compatible&#xa0;» dans Réglages › Appareil photo › Formats sur iPhone).</translation>
    </message>
    <message>
        <source>“%1” is a %2 image; SkyClear reads JPEG, PNG, WebP and TIFF photos.</source>
        <translation>«&#xa0;%1&#xa0;» est une image %2&#xa0;; SkyClear lit les photos JPEG, PNG, WebP et TIFF.</translation>
    </message>
    <message>
        <source>“%1” has no pixels (%2 × %3).</source>
        <translation>«&#xa0;%1&#xa0;» ne contient aucun pixel (%2 × %3).</translation>
    </message>
    <message>
        <source>“%1” is too large to open with the memory available.</source>
        <translation>La photo «&#xa0;%1&#xa0;» est trop grande pour être ouverte avec la mémoire disponible.</translation>
    </message>
    <message>
        <source>“%1” is incomplete (the file is cut short); copy it again from the camera or wherever it came from.</source>
        <translation>«&#xa0;%1&#xa0;» est incomplet (le fichier est tronqué)&#xa0;; copiez-le de nouveau depuis l’appareil photo ou sa source d’origine.</translation>
    </message>
    <message>
        <source>“%1” is damaged and cannot be read.</source>
        <translation>«&#xa0;%1&#xa0;» est endommagé et ne peut pas être lu.</translation>
    </message>
    <message>
        <source>“%1” uses a colour format SkyClear cannot read (%2).</source>
        <translation>«&#xa0;%1&#xa0;» utilise un format de couleurs que SkyClear ne sait pas lire (%2).</translation>
    </message>
    <message>
        <source>This photo&apos;s colours (Lab) could not be converted.</source>
        <translation>Les couleurs de cette photo (Lab) n’ont pas pu être converties.</translation>
    </message>
    <message>
        <source>The image could not be saved in “%1” (%2).</source>
        <translation>L’image n’a pas pu être enregistrée dans «&#xa0;%1&#xa0;» (%2).</translation>
    </message>
    <message>
        <source>The folder “%1” could not be created (%2).</source>
        <translation>Le dossier «&#xa0;%1&#xa0;» n’a pas pu être créé (%2).</translation>
    </message>
    <message>
        <source>%1 could not be shown: it is damaged or not a photo.</source>
        <translation>%1 ne peut pas être affiché&#xa0;: le fichier est endommagé ou n’est pas une photo.</translation>
    </message>
    <message>
        <source>%1 is no longer there: was it moved or deleted?</source>
        <translation>%1 n’est plus là&#xa0;: a-t-il été déplacé ou supprimé&#xa0;?</translation>
    </message>
    <message>
        <source>%1 cannot be read (check that you may open it).</source>
        <translation>%1 ne peut pas être lu (vérifiez que vous avez le droit de l’ouvrir).</translation>
    </message>
    <message>
        <source>There is not enough free disk space to write %1 in %2; nothing was lost. Free some space and try again.</source>
        <translation>Il n’y a pas assez d’espace disque pour écrire %1 dans %2&#xa0;; rien n’a été perdu. Libérez de l’espace puis réessayez.</translation>
    </message>
    <message>
        <source>The upload address must start with http:// or https:// (for example https://example.com/uploads/).</source>
        <translation>L’adresse d’envoi doit commencer par http:// ou https:// (par exemple https://example.com/uploads/).</translation>
    </message>
    <message>
        <source>Enter the upload address (an http:// or https:// URL that accepts PUT) in Settings.</source>
        <translation>Saisissez l’adresse d’envoi (une adresse http:// ou https:// qui accepte PUT) dans les Paramètres.</translation>
    </message>
    <message>
        <source>Enter the name of the S3 bucket in Settings.</source>
        <translation>Saisissez le nom du bucket S3 dans les Paramètres.</translation>
    </message>
    <message>
        <source>The S3 secret key is missing; enter it in Settings.</source>
        <translation>La clé secrète S3 manque&#xa0;; saisissez-la dans les Paramètres.</translation>
    </message>
    <message>
        <source>The S3 access key ID is missing; enter it in Settings.</source>
        <translation>L’identifiant de clé d’accès S3 manque&#xa0;; saisissez-le dans les Paramètres.</translation>
    </message>
    <message>
        <source>The S3 link lifetime must be between 1 second and 7 days (%1 seconds).</source>
        <translation>La durée de validité des liens S3 doit être comprise entre 1 seconde et 7 jours (%1 secondes).</translation>
    </message>
    <message>
        <source>The S3 endpoint must start with http:// or https:// (for example https://&lt;account&gt;.r2.cloudflarestorage.com).</source>
        <translation>Le point de terminaison S3 doit commencer par http:// ou https:// (par exemple https://&lt;account&gt;.r2.cloudflarestorage.com).</translation>
    </message>
    <message>
        <source>Unknown kind of image host “%1”; choose none, PUT or S3 in Settings.</source>
        <translation>Type d’hébergement d’images inconnu «&#xa0;%1&#xa0;»&#xa0;; choisissez aucun, PUT ou S3 dans les Paramètres.</translation>
    </message>
    <message>
        <source>The image host address starts with http://, so your photos (and the upload credentials) would travel unencrypted: use https://, or tick &quot;Allow insecure addresses&quot; in Settings (--allow-insecure-address) if you trust the network.</source>
        <translation>L’adresse de l’hébergement d’images commence par http://&#xa0;: vos photos (et les identifiants d’envoi) circuleraient sans chiffrement. Utilisez https://, ou cochez «&#xa0;Autoriser les adresses non sécurisées&#xa0;» dans les Paramètres (--allow-insecure-address) si vous faites confiance au réseau.</translation>
    </message>
    <message>
        <source>Enter the address of your %1 server, starting with https:// (for example https://minio.example.com:9000).</source>
        <translation>Saisissez l’adresse de votre serveur %1, en commençant par https:// (par exemple https://minio.example.com:9000).</translation>
    </message>
    <message>
        <source>Choose the %1 region of your bucket.</source>
        <translation>Choisissez la région %1 de votre bucket.</translation>
    </message>
    <message>
        <source>Enter your %1 account ID (32 letters and digits, shown on the R2 overview page).</source>
        <translation>Saisissez votre identifiant de compte %1 (32 lettres et chiffres, affiché sur la page d’accueil R2).</translation>
    </message>
    <message>
        <source>Choose the jurisdiction of your %1 bucket.</source>
        <translation>Choisissez la juridiction de votre bucket %1.</translation>
    </message>
    <message>
        <source>The file to upload, “%1”, is no longer there; prepare the photo again.</source>
        <translation>Le fichier à envoyer, «&#xa0;%1&#xa0;», n’est plus là&#xa0;; préparez de nouveau la photo.</translation>
    </message>
    <message>
        <source>“%1” is not a file that can be uploaded.</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas un fichier qui peut être envoyé.</translation>
    </message>
    <message>
        <source>The file “%1” could not be read for uploading (%2).</source>
        <translation>Le fichier «&#xa0;%1&#xa0;» n’a pas pu être lu pour l’envoi (%2).</translation>
    </message>
    <message>
        <source>The upload server %1 refused the photo (%2); check the upload address and its password or token in Settings.</source>
        <translation>Le serveur d’envoi %1 a refusé la photo (%2)&#xa0;; vérifiez l’adresse d’envoi et son mot de passe ou jeton dans les Paramètres.</translation>
    </message>
    <message>
        <source>The upload server %1 answered %2; check the upload address in Settings (the folder may not exist).</source>
        <translation>Le serveur d’envoi %1 a répondu %2&#xa0;; vérifiez l’adresse d’envoi dans les Paramètres (le dossier n’existe peut-être pas).</translation>
    </message>
    <message>
        <source>The upload server %1 does not accept uploads at that address (%2); check that the upload address in Settings allows PUT.</source>
        <translation>Le serveur d’envoi %1 n’accepte pas d’envoi à cette adresse (%2)&#xa0;; vérifiez que l’adresse d’envoi indiquée dans les Paramètres accepte PUT.</translation>
    </message>
    <message>
        <source>The upload server %1 says the file is too large (%2); lower the upload size in Settings or raise the server&apos;s limit.</source>
        <translation>Le serveur d’envoi %1 indique que le fichier est trop volumineux (%2)&#xa0;; réduisez la taille d’envoi dans les Paramètres ou relevez la limite du serveur.</translation>
    </message>
    <message>
        <source>The upload server %1 rejected the photo (%2); check the upload address in Settings.</source>
        <translation>Le serveur d’envoi %1 a rejeté la photo (%2)&#xa0;; vérifiez l’adresse d’envoi dans les Paramètres.</translation>
    </message>
    <message>
        <source>The upload server %1 is having trouble (%2); try again in a few minutes.</source>
        <translation>Le serveur d’envoi %1 rencontre des difficultés (%2)&#xa0;; réessayez dans quelques minutes.</translation>
    </message>
    <message>
        <source>The upload server %1 redirected the upload (%2); put the final address in Settings.</source>
        <translation>Le serveur d’envoi %1 a redirigé l’envoi (%2)&#xa0;; indiquez l’adresse finale dans les Paramètres.</translation>
    </message>
    <message>
        <source>The upload server %1 took too long to answer; check your internet connection and try again.</source>
        <translation>Le serveur d’envoi %1 a mis trop de temps à répondre&#xa0;; vérifiez votre connexion internet puis réessayez.</translation>
    </message>
    <message>
        <source>A secure connection to the upload server %1 could not be made; check the upload address in Settings.</source>
        <translation>Impossible d’établir une connexion sécurisée avec le serveur d’envoi %1&#xa0;; vérifiez l’adresse d’envoi dans les Paramètres.</translation>
    </message>
    <message>
        <source>The upload server %1 could not be reached; check your internet connection and the upload address in Settings.</source>
        <translation>Impossible de joindre le serveur d’envoi %1&#xa0;; vérifiez votre connexion internet et l’adresse d’envoi dans les Paramètres.</translation>
    </message>
    <message>
        <source>No S3 access key is set up; enter the access key ID and secret key in Settings.</source>
        <translation>Aucune clé d’accès S3 n’est configurée&#xa0;; saisissez l’identifiant de clé d’accès et la clé secrète dans les Paramètres.</translation>
    </message>
    <message>
        <source>The storage server %1 could not be reached; check your internet connection and the S3 endpoint in Settings.</source>
        <translation>Impossible de joindre le serveur de stockage %1&#xa0;; vérifiez votre connexion internet et le point de terminaison S3 dans les Paramètres.</translation>
    </message>
    <message>
        <source>The storage server %1 took too long to answer; try again in a few minutes.</source>
        <translation>Le serveur de stockage %1 a mis trop de temps à répondre&#xa0;; réessayez dans quelques minutes.</translation>
    </message>
    <message>
        <source>The S3 settings are not valid (bucket “%1”); check them in Settings.</source>
        <translation>Les réglages S3 ne sont pas valides (bucket «&#xa0;%1&#xa0;»)&#xa0;; vérifiez-les dans les Paramètres.</translation>
    </message>
    <message>
        <source>The S3 bucket “%1” does not exist on %2; check the bucket name (and endpoint) in Settings.</source>
        <translation>Le bucket S3 «&#xa0;%1&#xa0;» n’existe pas sur %2&#xa0;; vérifiez le nom du bucket (et le point de terminaison) dans les Paramètres.</translation>
    </message>
    <message>
        <source>%1 refused the upload because this computer&apos;s clock is wrong; set the date and time right (automatically) and try again.</source>
        <translation>%1 a refusé l’envoi car l’horloge de cet ordinateur est déréglée&#xa0;; remettez la date et l’heure à jour (automatiquement) puis réessayez.</translation>
    </message>
    <message>
        <source>The S3 bucket “%1” is in another region; set its region in Settings.</source>
        <translation>Le bucket S3 «&#xa0;%1&#xa0;» se trouve dans une autre région&#xa0;; indiquez sa région dans les Paramètres.</translation>
    </message>
    <message>
        <source>%1 did not accept the S3 access key; check the access key ID and secret key in Settings.</source>
        <translation>%1 n’a pas accepté la clé d’accès S3&#xa0;; vérifiez l’identifiant de clé d’accès et la clé secrète dans les Paramètres.</translation>
    </message>
    <message>
        <source>Access to the S3 bucket “%1” was denied; check that the access key may write to it.</source>
        <translation>L’accès au bucket S3 «&#xa0;%1&#xa0;» a été refusé&#xa0;; vérifiez que la clé d’accès a le droit d’y écrire.</translation>
    </message>
    <message>
        <source>The storage server %1 is having trouble (%2); try again in a few minutes.</source>
        <translation>Le serveur de stockage %1 rencontre des difficultés (%2)&#xa0;; réessayez dans quelques minutes.</translation>
    </message>
    <message>
        <source>The storage server %1 refused the upload (%2); check the S3 settings.</source>
        <translation>Le serveur de stockage %1 a refusé l’envoi (%2)&#xa0;; vérifiez les réglages S3.</translation>
    </message>
    <message>
        <source>The upload to %1 failed (%2); try again, and check the S3 settings if it keeps failing.</source>
        <translation>L’envoi vers %1 a échoué (%2)&#xa0;; réessayez, et vérifiez les réglages S3 si l’échec se répète.</translation>
    </message>
    <message>
        <source>Test upload worked: the test picture was uploaded, read back from its link without any password, and deleted.</source>
        <translation>L’envoi test a réussi&#xa0;: l’image test a été envoyée, relue depuis son lien sans aucun mot de passe, puis supprimée.</translation>
    </message>
    <message>
        <source>Choose an image host first.</source>
        <translation>Choisissez d’abord un hébergement d’images.</translation>
    </message>
    <message>
        <source>The picture was uploaded, but its link at %1 could not be opened from this computer, so IACrea will not be able to fetch photos either; check the address the host gives out.</source>
        <translation>L’image a été envoyée, mais son lien sur %1 ne s’ouvre pas depuis cet ordinateur&#xa0;: IACrea ne pourra pas non plus récupérer les photos. Vérifiez l’adresse fournie par l’hébergement.</translation>
    </message>
    <message>
        <source>The picture was uploaded, but its brand-new link was refused as expired, so this computer&apos;s clock is wrong; set the date and time right (automatically) and test again.</source>
        <translation>L’image a été envoyée, mais son lien tout neuf a été refusé comme expiré&#xa0;: l’horloge de cet ordinateur est donc déréglée. Remettez la date et l’heure à jour (automatiquement) puis refaites le test.</translation>
    </message>
    <message>
        <source>The picture was uploaded, but %1 refuses to show it without a password (HTTP %2), so IACrea could not read your photos; make the uploaded files readable through their link.</source>
        <translation>L’image a été envoyée, mais %1 refuse de l’afficher sans mot de passe (HTTP %2)&#xa0;: IACrea ne pourrait pas lire vos photos. Rendez les fichiers envoyés lisibles depuis leur lien.</translation>
    </message>
    <message>
        <source>The picture was uploaded, but its link at %1 leads nowhere (HTTP 404); check that the host gives out the address where uploads can be read.</source>
        <translation>L’image a été envoyée, mais son lien sur %1 ne mène nulle part (HTTP 404)&#xa0;; vérifiez que l’hébergement fournit l’adresse où les fichiers envoyés peuvent être lus.</translation>
    </message>
    <message>
        <source>The link at %1 answers with something other than the uploaded picture (perhaps a sign-in page), so IACrea could not read your photos.</source>
        <translation>Le lien sur %1 renvoie autre chose que l’image envoyée (peut-être une page de connexion)&#xa0;: IACrea ne pourrait pas lire vos photos.</translation>
    </message>
    <message>
        <source>The picture was uploaded, but its link at %1 answers with an error (HTTP %2), so IACrea could not read your photos.</source>
        <translation>L’image a été envoyée, mais son lien sur %1 renvoie une erreur (HTTP %2)&#xa0;: IACrea ne pourrait pas lire vos photos.</translation>
    </message>
    <message>
        <source>The link points to %1, which only this computer or your local network can reach: IACrea, on the internet, cannot fetch photos from there.</source>
        <translation>Le lien pointe vers %1, que seuls cet ordinateur ou votre réseau local peuvent joindre&#xa0;: IACrea, sur internet, ne peut pas y récupérer les photos.</translation>
    </message>
    <message>
        <source>The test picture could not be deleted from the host; it is a small blue picture you may remove yourself.</source>
        <translation>L’image test n’a pas pu être supprimée de l’hébergement&#xa0;; c’est une petite image bleue que vous pouvez retirer vous-même.</translation>
    </message>
    <message>
        <source>The local engine cannot find objects to remove by itself: paint a mask over them, or use the IACrea cloud engine for automatic detection.</source>
        <translation>Le moteur local ne trouve pas tout seul les objets à retirer&#xa0;: peignez un masque dessus, ou utilisez le cloud IACrea pour la détection automatique.</translation>
    </message>
    <message>
        <source>With the IACrea cloud, a mask is used for a variation of a photo already processed: generate first, then ask for a variation.</source>
        <translation>Avec le cloud IACrea, un masque sert à demander une variation d’une photo déjà traitée&#xa0;: générez d’abord, puis demandez une variation.</translation>
    </message>
    <message>
        <source>A mask needs the photo as a file on this computer, not a URL.</source>
        <translation>Un masque demande la photo sous forme de fichier sur cet ordinateur, pas d’adresse web.</translation>
    </message>
    <message>
        <source>A variation can only be asked of a finished result.</source>
        <translation>Une variation ne peut être demandée qu’à partir d’un résultat terminé.</translation>
    </message>
    <message>
        <source>A declutter variation needs a mask: paint over what should be removed.</source>
        <translation>Une variation de désencombrement demande un masque&#xa0;: peignez ce qu’il faut retirer.</translation>
    </message>
    <message>
        <source>An Interior sky variation needs no mask.</source>
        <translation>Une variation de Ciel intérieur ne demande pas de masque.</translation>
    </message>
    <message>
        <source>This darker shot does not match the photo: choose a darker exposure of the same scene, taken from the same spot.</source>
        <translation>Cette vue plus sombre ne correspond pas à la photo&#xa0;: choisissez une exposition plus sombre de la même scène, prise du même endroit.</translation>
    </message>
    <message>
        <source>The darker shot chosen for this photo can no longer be read; choose it again, or run Interior sky without it.</source>
        <translation>La vue plus sombre choisie pour cette photo ne peut plus être lue&#xa0;; choisissez-la à nouveau, ou lancez Ciel intérieur sans elle.</translation>
    </message>
    <message>
        <source>A darker shot is only used for Interior sky.</source>
        <translation>Une vue plus sombre ne sert qu’au Ciel intérieur.</translation>
    </message>
    <message>
        <source>A darker shot is only used by the local engine; the IACrea cloud works from the photo alone.</source>
        <translation>Une vue plus sombre ne sert qu’au moteur local&#xa0;; le cloud IACrea travaille à partir de la photo seule.</translation>
    </message>
    <message>
        <source>The mask “%1” could not be found.</source>
        <translation>Le masque «&#xa0;%1&#xa0;» est introuvable.</translation>
    </message>
    <message>
        <source>“%1” is a folder, not a mask image.</source>
        <translation>«&#xa0;%1&#xa0;» est un dossier, pas une image de masque.</translation>
    </message>
    <message>
        <source>The mask “%1” could not be opened (%2).</source>
        <translation>Le masque «&#xa0;%1&#xa0;» n’a pas pu être ouvert (%2).</translation>
    </message>
    <message>
        <source>The mask “%1” is an empty file (0 bytes).</source>
        <translation>Le masque «&#xa0;%1&#xa0;» est un fichier vide (0 octet).</translation>
    </message>
    <message>
        <source>The mask “%1” is too large to be a mask.</source>
        <translation>Le masque «&#xa0;%1&#xa0;» est trop volumineux pour être un masque.</translation>
    </message>
    <message>
        <source>The mask “%1” is too large; masks are limited to %2 megapixels like photos.</source>
        <translation>Le masque «&#xa0;%1&#xa0;» est trop grand&#xa0;; comme les photos, les masques sont limités à %2 mégapixels.</translation>
    </message>
    <message>
        <source>SkyClear is not allowed to open the mask “%1”; check its permissions.</source>
        <translation>SkyClear n’a pas le droit d’ouvrir le masque «&#xa0;%1&#xa0;»&#xa0;; vérifiez ses autorisations.</translation>
    </message>
    <message>
        <source>“%1” is not an image SkyClear can use as a mask.</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas une image que SkyClear peut utiliser comme masque.</translation>
    </message>
    <message>
        <source>The mask must be 8-bit when it has colour channels.</source>
        <translation>Un masque en couleurs doit être en 8 bits.</translation>
    </message>
    <message>
        <source>The mask is not a picture (it must be a two-dimensional array).</source>
        <translation>Le masque n’est pas une image (il doit s’agir d’un tableau à deux dimensions).</translation>
    </message>
    <message>
        <source>The mask holds values SkyClear cannot read.</source>
        <translation>Le masque contient des valeurs que SkyClear ne sait pas lire.</translation>
    </message>
    <message>
        <source>The mask could not be saved in “%1” (%2).</source>
        <translation>Le masque n’a pas pu être enregistré dans «&#xa0;%1&#xa0;» (%2).</translation>
    </message>
    <message>
        <source>The mask is %1 × %2 pixels but the photo is %3 × %4, so it seems to belong to another photo (or to the photo turned sideways).</source>
        <translation>Le masque mesure %1 × %2 pixels mais la photo %3 × %4&#xa0;: il semble appartenir à une autre photo (ou à la photo tournée d’un quart de tour).</translation>
    </message>
    <message>
        <source>The mask is empty — paint over what should be removed.</source>
        <translation>Le masque est vide — peignez ce qu’il faut retirer.</translation>
    </message>
    <message>
        <source>The mask covers the whole photo — paint only over what should be removed.</source>
        <translation>Le masque couvre toute la photo — peignez seulement ce qu’il faut retirer.</translation>
    </message>
    <message numerus="yes">
        <source>IACrea unreachable for %n min.</source>
        <translation>
            <numerusform>IACrea injoignable depuis %n&#xa0;min.</numerusform>
            <numerusform>IACrea injoignable depuis %n&#xa0;min.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The picture was uploaded, but its link was refused because this computer&apos;s clock is off by about %n minute(s); set the date and time right (automatically) and test again.</source>
        <translation>
            <numerusform>L’image a été envoyée, mais son lien a été refusé car l’horloge de cet ordinateur est décalée d’environ %n minute&#xa0;; remettez la date et l’heure à jour (automatiquement) puis refaites le test.</numerusform>
            <numerusform>L’image a été envoyée, mais son lien a été refusé car l’horloge de cet ordinateur est décalée d’environ %n minutes&#xa0;; remettez la date et l’heure à jour (automatiquement) puis refaites le test.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (the service said: %2).</source>
        <translation>%1 (réponse du service&#xa0;: %2).</translation>
    </message>
    <message>
        <source>%1 cannot be found.</source>
        <translation>%1 est introuvable.</translation>
    </message>
    <message>
        <source>%1 cannot be read (%2).</source>
        <translation>Impossible de lire %1 (%2).</translation>
    </message>
    <message>
        <source>%1 could not be saved in %2 (%3).</source>
        <translation>Impossible d’enregistrer %1 dans %2 (%3).</translation>
    </message>
    <message>
        <source>SkyClear cannot write in %1 (%2).</source>
        <translation>SkyClear ne peut pas écrire dans %1 (%2).</translation>
    </message>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation>%1 est un fichier, pas un dossier.</translation>
    </message>
    <message>
        <source>This photo cannot be made smaller than %1 kB and still be seen: raise the size cap.</source>
        <translation>Cette photo ne peut pas descendre sous %1&#xa0;ko en restant lisible&#xa0;: augmentez la limite «&#xa0;Au plus&#xa0;».</translation>
    </message>
    <message>
        <source>That is your original photo: choose another name, so the original stays untouched.</source>
        <translation>C’est votre photo d’origine&#xa0;: choisissez un autre nom, pour que l’original reste intact.</translation>
    </message>
    <message>
        <source>This photo has no results to export yet.</source>
        <translation>Cette photo n’a pas encore de résultat à exporter.</translation>
    </message>
    <message>
        <source>There is no preset “%1”; the presets are %2.</source>
        <translation>Il n’existe pas de format «&#xa0;%1&#xa0;»&#xa0;; les formats sont&#xa0;: %2.</translation>
    </message>
    <message>
        <source>The export stopped unexpectedly; the computer may be short of memory. Close other programs and export again.</source>
        <translation>L’export s’est arrêté de façon inattendue&#xa0;; l’ordinateur manque peut-être de mémoire. Fermez d’autres programmes et relancez l’export.</translation>
    </message>
    <message>
        <source>This listing has no photos to export yet.</source>
        <translation>Cette annonce n’a pas encore de photo à exporter.</translation>
    </message>
    <message>
        <source>%1 in %2 is one of your original photos: choose another folder, so the original stays untouched.</source>
        <translation>%1, dans %2, est l’une de vos photos d’origine&#xa0;: choisissez un autre dossier, pour que l’original reste intact.</translation>
    </message>
    <message>
        <source>%1 already has a file named %2: choose an empty folder, so nothing of yours is overwritten.</source>
        <translation>%1 contient déjà un fichier nommé %2&#xa0;: choisissez un dossier vide, pour qu’aucun de vos fichiers ne soit remplacé.</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1&#xa0;: %2.</translation>
    </message>
    <message>
        <source>No photo of this listing has a kept version yet: keep the best result of a photo first.</source>
        <translation>Aucune photo de cette annonce n’a encore de version retenue&#xa0;: retenez d’abord le meilleur résultat d’une photo.</translation>
    </message>
    <message>
        <source>The sheet could not be saved in %1 (%2).</source>
        <translation>La fiche n’a pas pu être enregistrée dans %1 (%2).</translation>
    </message>
    <message>
        <source>there is not enough free disk space</source>
        <translation>il n’y a plus assez d’espace libre sur le disque</translation>
    </message>
    <message>
        <source>the file was cut short: the disk may be full</source>
        <translation>le fichier a été tronqué&#xa0;: le disque est peut-être plein</translation>
    </message>
    <message>
        <source>a folder there has the sheet&apos;s name</source>
        <translation>un dossier y porte déjà le nom de la fiche</translation>
    </message>
    <message>
        <source>SkyClear is not allowed to write there</source>
        <translation>SkyClear n’a pas le droit d’y écrire</translation>
    </message>
    <message>
        <source>drawing it stopped unexpectedly, perhaps for lack of memory</source>
        <translation>sa création s’est arrêtée de façon inattendue, peut-être faute de mémoire</translation>
    </message>
    <message>
        <source>A listing named “%1” is already in use: rename one of them first.</source>
        <translation>Une annonce nommée «&#xa0;%1&#xa0;» existe déjà&#xa0;: renommez d’abord l’une des deux.</translation>
    </message>
    <message>
        <source>A listing needs a name, such as the property&apos;s address.</source>
        <translation>Une annonce a besoin d’un nom, par exemple l’adresse du bien.</translation>
    </message>
    <message>
        <source>A listing named “%1” already exists.</source>
        <translation>Une annonce nommée «&#xa0;%1&#xa0;» existe déjà.</translation>
    </message>
    <message>
        <source>That result belongs to another photo.</source>
        <translation>Ce résultat appartient à une autre photo.</translation>
    </message>
    <message>
        <source>Only a finished result can be kept.</source>
        <translation>Seul un résultat terminé peut être retenu.</translation>
    </message>
    <message>
        <source>A declutter variation needs both the original photo and a painted mask online — paint the areas to remove and try again.</source>
        <translation>Une variation de désencombrement demande la photo d’origine et un masque peint, tous deux en ligne — peignez les zones à retirer et réessayez.</translation>
    </message>
    <message>
        <source>The address “%1” is not a web address (http or https).</source>
        <translation>L’adresse «&#xa0;%1&#xa0;» n’est pas une adresse web (http ou https).</translation>
    </message>
    <message>
        <source>This generation has no identifier from the service, so it cannot be looked up.</source>
        <translation>Cette génération n’a reçu aucun identifiant du service&#xa0;: elle ne peut donc pas être consultée.</translation>
    </message>
    <message>
        <source>The photos cannot be compared because one of them is not a colour image.</source>
        <translation>Les photos ne peuvent pas être comparées, car l’une d’elles n’est pas une image en couleur.</translation>
    </message>
    <message>
        <source>The photos cannot be compared because one of them is empty.</source>
        <translation>Les photos ne peuvent pas être comparées, car l’une d’elles est vide.</translation>
    </message>
    <message>
        <source>The photos cannot be compared because one of them is not an 8-bit image.</source>
        <translation>Les photos ne peuvent pas être comparées, car l’une d’elles n’est pas une image 8&#xa0;bits.</translation>
    </message>
    <message>
        <source>Smart select needs an 8-bit colour photo.</source>
        <translation>La sélection intelligente demande une photo en couleur 8&#xa0;bits.</translation>
    </message>
    <message>
        <source>The photo is too small to select anything in it.</source>
        <translation>La photo est trop petite pour y sélectionner quoi que ce soit.</translation>
    </message>
    <message>
        <source>The photo must be a colour image.</source>
        <translation>La photo doit être une image en couleur.</translation>
    </message>
    <message>
        <source>The photo must be an ordinary 8-bit image.</source>
        <translation>La photo doit être une image 8&#xa0;bits ordinaire.</translation>
    </message>
    <message>
        <source>The photo is too small to work on.</source>
        <translation>La photo est trop petite pour être traitée.</translation>
    </message>
    <message>
        <source>The sky mask does not match the size of the photo.</source>
        <translation>Le masque du ciel n’a pas la taille de la photo.</translation>
    </message>
    <message>
        <source>The sky mask is damaged.</source>
        <translation>Le masque du ciel est endommagé.</translation>
    </message>
    <message>
        <source>The point you clicked is not on the photo.</source>
        <translation>Le point cliqué n’est pas sur la photo.</translation>
    </message>
    <message>
        <source>There is no sky to remove where you clicked.</source>
        <translation>Il n’y a pas de ciel à retirer à l’endroit cliqué.</translation>
    </message>
    <message>
        <source>That spot does not look like sky; click inside the bright part of a window.</source>
        <translation>Cet endroit ne ressemble pas à du ciel&#xa0;; cliquez dans la partie claire d’une fenêtre.</translation>
    </message>
    <message>
        <source>That area is too large to be a window; click inside the window itself.</source>
        <translation>Cette zone est trop grande pour être une fenêtre&#xa0;; cliquez à l’intérieur de la fenêtre elle-même.</translation>
    </message>
    <message>
        <source>Nothing that looks like sky was found where you clicked.</source>
        <translation>Rien qui ressemble à du ciel n’a été trouvé à l’endroit cliqué.</translation>
    </message>
    <message>
        <source>The mask must be a single-channel image the size of the photo.</source>
        <translation>Le masque doit être une image à un seul canal, de la taille de la photo.</translation>
    </message>
    <message>
        <source>The mask is %1 × %2 pixels but the photo is %3 × %4; they must be the same size.</source>
        <translation>Le masque mesure %1 × %2&#xa0;pixels mais la photo %3 × %4&#xa0;: ils doivent avoir la même taille.</translation>
    </message>
    <message>
        <source>The photo is not open yet, so there is no mask to save.</source>
        <translation>La photo n’est pas encore ouverte&#xa0;: il n’y a donc pas de masque à enregistrer.</translation>
    </message>
    <message>
        <source>“%1” is not a black-and-white mask, so it was turned into one (light areas = remove); check it before generating.</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas un masque noir et blanc&#xa0;: il a été converti (zones claires = à retirer)&#xa0;; vérifiez-le avant de générer.</translation>
    </message>
    <message>
        <source>It was scaled to the photo&apos;s %1 × %2 pixels.</source>
        <translation>Il a été mis à la taille de la photo, %1 × %2&#xa0;pixels.</translation>
    </message>
    <message>
        <source>The previous mask could not be used: %1.</source>
        <translation>Le masque précédent n’a pas pu être utilisé&#xa0;: %1.</translation>
    </message>
    <message>
        <source>The previous mask could not be used: it does not have the shape of this photo.</source>
        <translation>Le masque précédent n’a pas pu être utilisé&#xa0;: il n’a pas la forme de cette photo.</translation>
    </message>
    <message>
        <source>SkyClear&apos;s job history %1 is locked by another program (another SkyClear window or command, or a backup tool). Close it and try again.</source>
        <translation>L’historique des traitements de SkyClear, %1, est verrouillé par un autre programme (une autre fenêtre ou commande SkyClear, ou un outil de sauvegarde). Fermez-le et réessayez.</translation>
    </message>
    <message>
        <source>SkyClear&apos;s settings file was damaged: it was set aside as %1 and the default settings are used. Your API key, photos and results are not affected; open Settings to choose your options again.</source>
        <translation>Le fichier de paramètres de SkyClear était endommagé&#xa0;: il a été mis de côté sous le nom %1 et les paramètres par défaut sont utilisés. Votre clé API, vos photos et vos résultats ne sont pas touchés&#xa0;; ouvrez les Paramètres pour choisir à nouveau vos options.</translation>
    </message>
    <message>
        <source>SkyClear&apos;s job history was damaged: it was set aside as %1 and a new one was started; %2 job(s) could be read back from it. Your results on disk were not touched.</source>
        <translation>L’historique des traitements de SkyClear était endommagé&#xa0;: il a été mis de côté sous le nom %1 et un nouveau a été commencé&#xa0;; traitements récupérés&#xa0;: %2. Vos résultats enregistrés sur le disque n’ont pas été touchés.</translation>
    </message>
    <message>
        <source>SkyClear&apos;s job history was damaged: it was set aside as %1 and a new one was started; no job could be read back from it. Your results on disk were not touched.</source>
        <translation>L’historique des traitements de SkyClear était endommagé&#xa0;: il a été mis de côté sous le nom %1 et un nouveau a été commencé&#xa0;; aucun traitement n’a pu en être récupéré. Vos résultats enregistrés sur le disque n’ont pas été touchés.</translation>
    </message>
    <message>
        <source>There is not enough memory for this photo.</source>
        <translation>La mémoire disponible ne suffit pas pour cette photo.</translation>
    </message>
    <message>
        <source>Something went wrong (%1).</source>
        <translation>Un problème est survenu (%1).</translation>
    </message>
</context>
<context>
    <name>PreviewController</name>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Variation {0}</source>
        <translation>Variation {0}</translation>
    </message>
    <message>
        <source>The photo could not be shown.</source>
        <translation>La photo n’a pas pu être affichée.</translation>
    </message>
</context>
<context>
    <name>ResultsController</name>
    <message>
        <source>Saved {0}</source>
        <translation>Enregistré&#xa0;: {0}</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s) exported to {0}</source>
        <translation>
            <numerusform>%n résultat exporté dans {0}</numerusform>
            <numerusform>%n résultats exportés dans {0}</numerusform>
        </translation>
    </message>
    <message>
        <source>Result copied to the clipboard.</source>
        <translation>Résultat copié dans le presse-papiers.</translation>
    </message>
</context>
<context>
    <name>SellerSheet</name>
    <message>
        <source>%1 — before and after</source>
        <translation>%1 — avant et après</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Après</translation>
    </message>
    <message>
        <source>The “After” photo was edited virtually.</source>
        <translation>La photo «&#xa0;Après&#xa0;» a été retouchée virtuellement.</translation>
    </message>
</context>
<context>
    <name>ServicePanel</name>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Interior sky</source>
        <translation>Ciel intérieur</translation>
    </message>
    <message>
        <source>A clean blue sky in the windows, the view outside brightened</source>
        <translation>Un ciel bleu net dans les fenêtres, la vue extérieure éclaircie</translation>
    </message>
    <message>
        <source>Declutter</source>
        <translation>Désencombrement</translation>
    </message>
    <message>
        <source>Furniture and objects removed from the room</source>
        <translation>Meubles et objets retirés de la pièce</translation>
    </message>
    <message>
        <source>Blue sky through the windows</source>
        <translation>Ciel bleu à travers les fenêtres</translation>
    </message>
    <message>
        <source>Remove furniture and objects</source>
        <translation>Retirer meubles et objets</translation>
    </message>
    <message>
        <source>Automatic detection</source>
        <translation>Détection automatique</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>Moteur</translation>
    </message>
    <message>
        <source>Local — offline, free</source>
        <translation>Local — hors ligne, gratuit</translation>
    </message>
    <message>
        <source>IACrea cloud</source>
        <translation>Cloud IACrea</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Générer</translation>
    </message>
    <message>
        <source>New variation</source>
        <translation>Nouvelle variation</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Avancement</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>The local engine cannot find objects by itself: paint over what should be removed instead (a mask editor opens when you press Generate).</source>
        <translation>Le moteur local ne trouve pas les objets tout seul&#xa0;: peignez plutôt ce qu’il faut retirer (un éditeur de masque s’ouvre quand vous cliquez sur Générer).</translation>
    </message>
    <message>
        <source>IACrea finds the objects to remove by itself. Untick it to send the photo unchanged and paint what to remove in a variation.</source>
        <translation>IACrea trouve seul les objets à retirer. Décochez pour envoyer la photo telle quelle et peindre ce qu’il faut retirer dans une variation.</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Gratuit</translation>
    </message>
    <message>
        <source>Runs on this computer, even offline. No account needed.</source>
        <translation>Fonctionne sur cet ordinateur, même hors ligne. Aucun compte nécessaire.</translation>
    </message>
    <message>
        <source>Credits: —</source>
        <translation>Crédits&#xa0;: —</translation>
    </message>
    <message numerus="yes">
        <source>%n photo credit(s)</source>
        <translation>
            <numerusform>%n crédit photo</numerusform>
            <numerusform>%n crédits photo</numerusform>
        </translation>
    </message>
    <message>
        <source>Each photo normally uses one credit.</source>
        <translation>Chaque photo utilise normalement un crédit.</translation>
    </message>
    <message numerus="yes">
        <source>Generate %n photo(s) · %n credit(s)</source>
        <translation>
            <numerusform>Générer %n photo · %n crédit</numerusform>
            <numerusform>Générer %n photos · %n crédits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Generate %n photo(s)</source>
        <translation>
            <numerusform>Générer %n photo</numerusform>
            <numerusform>Générer %n photos</numerusform>
        </translation>
    </message>
    <message>
        <source>Review sky…</source>
        <translation>Vérifier le ciel…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>IACrea account</source>
        <translation>Compte IACrea</translation>
    </message>
    <message>
        <source>Image host</source>
        <translation>Hébergement des images</translation>
    </message>
    <message>
        <source>Library &amp;&amp; export</source>
        <translation>Bibliothèque &amp;&amp; export</translation>
    </message>
    <message>
        <source>Your API key and user ID are in your IACrea &lt;a href=&quot;{0}&quot;&gt;Developer Space&lt;/a&gt;. The local engine works without them.</source>
        <translation>Votre clé API et votre identifiant utilisateur se trouvent dans votre &lt;a href=&quot;{0}&quot;&gt;Espace développeur&lt;/a&gt; IACrea. Le moteur local fonctionne sans eux.</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clé API</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Remove the stored API key from this computer</source>
        <translation>Supprimer de cet ordinateur la clé API enregistrée</translation>
    </message>
    <message>
        <source>e.g. 3f1c…-…</source>
        <translation>p. ex. 3f1c…-…</translation>
    </message>
    <message>
        <source>User ID</source>
        <translation>Identifiant utilisateur</translation>
    </message>
    <message>
        <source>Service address</source>
        <translation>Adresse du service</translation>
    </message>
    <message>
        <source>Allow insecure addresses (http://)</source>
        <translation>Autoriser les adresses non sécurisées (http://)</translation>
    </message>
    <message>
        <source>Leave this off: over http:// your API key and photos travel unencrypted, readable by anyone on the network. Addresses on this computer are always allowed.</source>
        <translation>Laissez décoché&#xa0;: en http://, votre clé API et vos photos circulent sans chiffrement, lisibles par n’importe qui sur le réseau. Les adresses de cet ordinateur sont toujours autorisées.</translation>
    </message>
    <message>
        <source>Automatic (IACrea once a key is set)</source>
        <translation>Automatique (IACrea dès qu’une clé est saisie)</translation>
    </message>
    <message>
        <source>Local engine (offline, free)</source>
        <translation>Moteur local (hors ligne, gratuit)</translation>
    </message>
    <message>
        <source>IACrea cloud</source>
        <translation>Cloud IACrea</translation>
    </message>
    <message>
        <source>Default engine</source>
        <translation>Moteur par défaut</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Library folder</source>
        <translation>Dossier de la bibliothèque</translation>
    </message>
    <message>
        <source>Results, prepared uploads and masks are kept here. Your original photos are never changed.</source>
        <translation>Les résultats, les envois préparés et les masques sont conservés ici. Vos photos d’origine ne sont jamais modifiées.</translation>
    </message>
    <message>
        <source> px (long side)</source>
        <translation> px (grand côté)</translation>
    </message>
    <message>
        <source>Largest upload</source>
        <translation>Envoi le plus grand</translation>
    </message>
    <message>
        <source> credits</source>
        <translation> crédits</translation>
    </message>
    <message>
        <source>Warn me below</source>
        <translation>M’avertir sous</translation>
    </message>
    <message>
        <source>Ask before spending over</source>
        <translation>Demander avant de dépenser plus de</translation>
    </message>
    <message>
        <source>Add a small “Virtually edited” label to saved and exported photos</source>
        <translation>Ajouter «&#xa0;Retouchée virtuellement&#xa0;» aux photos exportées</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Mention</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>A new language applies the next time SkyClear starts.</source>
        <translation>Une nouvelle langue s’applique au prochain démarrage de SkyClear.</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>facultatif</translation>
    </message>
    <message>
        <source>Webhook URL</source>
        <translation>URL de webhook</translation>
    </message>
    <message>
        <source>Passed to IACrea with each request so your own server hears about finished photos. SkyClear itself checks for results, so leave this blank if unsure.</source>
        <translation>Transmise à IACrea avec chaque demande pour que votre propre serveur soit prévenu des photos terminées. SkyClear vérifie lui-même les résultats&#xa0;: dans le doute, laissez ce champ vide.</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <source>The system keyring could not remove the key: it is still stored there. Try Remove again, or delete the “SkyClear” entry in your system&apos;s password manager.</source>
        <translation>Le trousseau du système n’a pas pu supprimer la clé&#xa0;: elle y est toujours enregistrée. Cliquez de nouveau sur Supprimer, ou supprimez l’entrée «&#xa0;SkyClear&#xa0;» dans le gestionnaire de mots de passe de votre système.</translation>
    </message>
    <message>
        <source>The key comes from the IACREA_API_KEY environment variable, which takes precedence over a key typed here.</source>
        <translation>La clé provient de la variable d’environnement IACREA_API_KEY, qui l’emporte sur une clé saisie ici.</translation>
    </message>
    <message>
        <source>The system keyring refused to store the key, so it is kept for this session only and will be forgotten when SkyClear closes.</source>
        <translation>Le trousseau du système a refusé d’enregistrer la clé&#xa0;: elle est donc conservée pour cette session seulement et sera oubliée à la fermeture de SkyClear.</translation>
    </message>
    <message>
        <source>A key is stored in the system keyring. Type a new one to replace it.</source>
        <translation>Une clé est enregistrée dans le trousseau du système. Saisissez-en une nouvelle pour la remplacer.</translation>
    </message>
    <message>
        <source>A key is set for this session only: this computer has no system keyring, so it will be forgotten when SkyClear closes.</source>
        <translation>Une clé est définie pour cette session seulement&#xa0;: cet ordinateur n’a pas de trousseau système, elle sera donc oubliée à la fermeture de SkyClear.</translation>
    </message>
    <message>
        <source>No key yet. It will be kept in the system keyring, never in a file.</source>
        <translation>Pas encore de clé. Elle sera conservée dans le trousseau du système, jamais dans un fichier.</translation>
    </message>
    <message>
        <source>This computer has no system keyring, so a key typed here is kept for this session only (set IACREA_API_KEY to avoid retyping it).</source>
        <translation>Cet ordinateur n’a pas de trousseau système&#xa0;: une clé saisie ici n’est conservée que pour cette session (définissez IACREA_API_KEY pour ne pas la ressaisir).</translation>
    </message>
    <message>
        <source>stored — type to replace</source>
        <translation>enregistrée — tapez pour la remplacer</translation>
    </message>
    <message>
        <source>paste your API key</source>
        <translation>collez votre clé API</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message numerus="yes">
        <source>Connected. Your account has %n photo credit(s) ({0} from your plan, {1} extra).</source>
        <translation>
            <numerusform>Connecté. Votre compte dispose de %n crédit photo ({0} de votre abonnement, {1} en supplément).</numerusform>
            <numerusform>Connecté. Votre compte dispose de %n crédits photo ({0} de votre abonnement, {1} en supplément).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Connected. Your account has %n photo credit(s).</source>
        <translation>
            <numerusform>Connecté. Votre compte dispose de %n crédit photo.</numerusform>
            <numerusform>Connecté. Votre compte dispose de %n crédits photo.</numerusform>
        </translation>
    </message>
    <message>
        <source>The test could not be run on this computer.</source>
        <translation>Le test n’a pas pu être lancé sur cet ordinateur.</translation>
    </message>
    <message>
        <source>The service address must start with https:// (or http://).</source>
        <translation>L’adresse du service doit commencer par https:// (ou http://).</translation>
    </message>
    <message>
        <source>An address starts with http://, which would send your API key or photos unencrypted: use https://, or tick “Allow insecure addresses” if you trust the network.</source>
        <translation>Une adresse commence par http://, ce qui enverrait votre clé API ou vos photos sans chiffrement&#xa0;: utilisez https://, ou cochez «&#xa0;Autoriser les adresses non sécurisées&#xa0;» si vous faites confiance au réseau.</translation>
    </message>
    <message>
        <source>The webhook must be a web address starting with https://, or be left blank.</source>
        <translation>Le webhook doit être une adresse web commençant par https://, ou rester vide.</translation>
    </message>
</context>
<context>
    <name>SkyReviewDialog</name>
    <message>
        <source>Photo %1 of %2</source>
        <translation>Photo %1 sur %2</translation>
    </message>
    <message>
        <source>Check the sky — %1 (photo %2 of %3)</source>
        <translation>Vérifier le ciel — %1 (photo %2 sur %3)</translation>
    </message>
    <message>
        <source>Check the sky — %1</source>
        <translation>Vérifier le ciel — %1</translation>
    </message>
    <message>
        <source>Found with the darker shot %1: where this photo is blown out, the new sky only goes where that shot shows sky.</source>
        <translation>Trouvé avec la vue plus sombre %1&#xa0;: là où cette photo est brûlée, le nouveau ciel ne va que là où cette vue montre du ciel.</translation>
    </message>
    <message>
        <source>The new sky goes inside the blue outlines. Click inside an outline to leave that part of the photo as it is; click on the bright glass of a window that was missed to add it.</source>
        <translation>Le nouveau ciel se place à l’intérieur des contours bleus. Cliquez dans un contour pour laisser cette partie de la photo telle quelle&#xa0;; cliquez sur la vitre claire d’une fenêtre oubliée pour l’ajouter.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Défaire</translation>
    </message>
    <message>
        <source>Reset to automatic</source>
        <translation>Revenir à l’automatique</translation>
    </message>
    <message>
        <source>Go back to the sky that was detected automatically</source>
        <translation>Revenir au ciel détecté automatiquement</translation>
    </message>
    <message>
        <source>Preview sky</source>
        <translation>Aperçu du ciel</translation>
    </message>
    <message>
        <source>Show the new sky instead of the outlines (a quick low-resolution preview)</source>
        <translation>Afficher le nouveau ciel au lieu des contours (aperçu rapide en basse résolution)</translation>
    </message>
    <message>
        <source>Darker shot…</source>
        <translation>Vue plus sombre…</translation>
    </message>
    <message>
        <source>Choose a darker exposure of the same scene (a bracket): where this photo is blown out, it shows which white is sky and which is a ceiling or a wall</source>
        <translation>Choisir une exposition plus sombre de la même scène (un bracketing)&#xa0;: là où cette photo est brûlée, elle montre quel blanc est du ciel et lequel est un plafond ou un mur</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajuster</translation>
    </message>
    <message>
        <source>Show the whole photo (the wheel zooms, dragging moves the photo)</source>
        <translation>Afficher la photo entière (la molette zoome, glisser déplace la photo)</translation>
    </message>
    <message numerus="yes">
        <source>Check the sky of the other %n photo(s) too</source>
        <translation>
            <numerusform>Vérifier aussi le ciel de l’autre photo</numerusform>
            <numerusform>Vérifier aussi le ciel des %n autres photos</numerusform>
        </translation>
    </message>
    <message>
        <source>When unticked, the photos after this one get the sky found automatically, without asking.</source>
        <translation>Si la case est décochée, les photos suivantes reçoivent le ciel détecté automatiquement, sans question.</translation>
    </message>
    <message>
        <source>Skip this photo</source>
        <translation>Ignorer cette photo</translation>
    </message>
    <message>
        <source>Do not send this photo; go on with the others</source>
        <translation>Ne pas envoyer cette photo&#xa0;; continuer avec les autres</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Close without sending any of the photos</source>
        <translation>Fermer sans envoyer aucune des photos</translation>
    </message>
    <message>
        <source>Close without generating anything</source>
        <translation>Fermer sans rien générer</translation>
    </message>
    <message>
        <source>Use this sky</source>
        <translation>Utiliser ce ciel</translation>
    </message>
    <message>
        <source>Paint a new sky inside the outlined regions</source>
        <translation>Peindre un nouveau ciel dans les zones entourées</translation>
    </message>
    <message>
        <source>Choose a darker shot of the same scene</source>
        <translation>Choisir une vue plus sombre de la même scène</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.webp *.tif *.tiff);;All files (*)</source>
        <translation>Photos (*.jpg *.jpeg *.png *.webp *.tif *.tiff);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Opening the photo…</source>
        <translation>Ouverture de la photo…</translation>
    </message>
    <message>
        <source>One moment: still working on the last step.</source>
        <translation>Un instant&#xa0;: l’étape précédente est encore en cours.</translation>
    </message>
    <message>
        <source>No sky was found in this photo. If a window shows sky, click on its bright glass to add it. Otherwise, skip this photo.</source>
        <translation>Aucun ciel trouvé dans cette photo. Si une fenêtre montre le ciel, cliquez sur sa vitre claire pour l’ajouter. Sinon, ignorez cette photo.</translation>
    </message>
    <message>
        <source>Undo the last change (Ctrl+Z)</source>
        <translation>Défaire la dernière modification (Ctrl+Z)</translation>
    </message>
    <message>
        <source>The darker shot is set aside: the sky is the one found in this photo alone.</source>
        <translation>La vue plus sombre est mise de côté&#xa0;: le ciel est celui trouvé dans cette photo seule.</translation>
    </message>
    <message>
        <source>Most of this sky is blown out to pure white, where a white ceiling or wall behind the glass looks just the same. If you also took a darker shot of this scene, choose it with Darker shot… for a truer sky.</source>
        <translation>Ce ciel est presque entièrement brûlé, d’un blanc pur où un plafond ou un mur blanc derrière la vitre paraît identique. Si vous avez aussi pris une vue plus sombre de cette scène, choisissez-la avec Vue plus sombre… pour un ciel plus juste.</translation>
    </message>
    <message>
        <source>No sky was found in this photo. If a window shows sky, click on its bright glass to add it.</source>
        <translation>Aucun ciel trouvé dans cette photo. Si une fenêtre montre le ciel, cliquez sur sa vitre claire pour l’ajouter.</translation>
    </message>
    <message>
        <source>No region is left, so there would be no new sky. Click on a window to add it, or press Undo.</source>
        <translation>Il ne reste aucune zone&#xa0;: il n’y aurait pas de nouveau ciel. Cliquez sur une fenêtre pour l’ajouter, ou sur Défaire.</translation>
    </message>
    <message>
        <source>Add a window first</source>
        <translation>Ajoutez d’abord une fenêtre</translation>
    </message>
    <message>
        <source>Looking for the sky…</source>
        <translation>Recherche du ciel…</translation>
    </message>
    <message>
        <source>Taking the region out…</source>
        <translation>Retrait de la zone…</translation>
    </message>
    <message>
        <source>Adding the window…</source>
        <translation>Ajout de la fenêtre…</translation>
    </message>
    <message>
        <source>Undoing…</source>
        <translation>Retour en arrière…</translation>
    </message>
    <message>
        <source>Going back to the automatic detection…</source>
        <translation>Retour à la détection automatique…</translation>
    </message>
    <message>
        <source>Click to leave this region as it is (no new sky there).</source>
        <translation>Cliquez pour laisser cette zone telle quelle (pas de nouveau ciel ici).</translation>
    </message>
    <message>
        <source>Painting the preview…</source>
        <translation>Création de l’aperçu…</translation>
    </message>
    <message>
        <source>No sky selected.</source>
        <translation>Aucun ciel sélectionné.</translation>
    </message>
    <message numerus="yes">
        <source>%n sky region(s).</source>
        <translation>
            <numerusform>%n zone de ciel.</numerusform>
            <numerusform>%n zones de ciel.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VersionStrip</name>
    <message>
        <source>Sky</source>
        <translation>Ciel</translation>
    </message>
    <message>
        <source>Declutter</source>
        <translation>Désencombrement</translation>
    </message>
    <message>
        <source>%1 · local · %2</source>
        <translation>%1 · en&#xa0;local&#xa0;·&#xa0;%2</translation>
    </message>
    <message>
        <source>%1 · cloud · %2</source>
        <translation>%1 · IACrea&#xa0;·&#xa0;%2</translation>
    </message>
    <message>
        <source>Based on “%1” — free</source>
        <translation>D’après «&#xa0;%1&#xa0;» —&#xa0;gratuite</translation>
    </message>
    <message>
        <source>Based on “%1” — 1 credit</source>
        <translation>D’après «&#xa0;%1&#xa0;» —&#xa0;1&#xa0;crédit</translation>
    </message>
    <message>
        <source>Versions of this photo</source>
        <translation>Versions de cette photo</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>★ Kept</source>
        <translation>★ Retenu</translation>
    </message>
    <message>
        <source>The selected photo&apos;s versions appear here: its original, each result and each variation.</source>
        <translation>Les versions de la photo sélectionnée s’affichent ici&#xa0;: l’original, chaque résultat et chaque variation.</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to SkyClear</source>
        <translation>Bienvenue dans SkyClear</translation>
    </message>
    <message>
        <source>&lt;p&gt;Give your listing photos a &lt;b&gt;blue sky&lt;/b&gt; through the windows, or &lt;b&gt;remove clutter&lt;/b&gt; from the room.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Local engine&lt;/b&gt; — works right away, offline and free, on this computer. To declutter with it, paint over what should go.&lt;/p&gt;&lt;p&gt;&lt;b&gt;IACrea cloud&lt;/b&gt; — the best results and automatic object detection. It needs an IACrea account: sign in at &lt;a href=&quot;{0}&quot;&gt;iacrea.com&lt;/a&gt;, open your &lt;b&gt;Developer Space&lt;/b&gt;, and copy your &lt;b&gt;API key&lt;/b&gt; and &lt;b&gt;user ID&lt;/b&gt; into Settings. Each photo normally uses one credit; variations may be free with your plan.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Donnez aux photos de vos annonces un &lt;b&gt;ciel bleu&lt;/b&gt; à travers les fenêtres, ou &lt;b&gt;désencombrez&lt;/b&gt; les pièces.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Moteur local&lt;/b&gt; — fonctionne tout de suite, hors ligne et gratuitement, sur cet ordinateur. Pour désencombrer avec lui, peignez ce qui doit disparaître.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Cloud IACrea&lt;/b&gt; — les meilleurs résultats et la détection automatique des objets. Il faut un compte IACrea&#xa0;: connectez-vous sur &lt;a href=&quot;{0}&quot;&gt;iacrea.com&lt;/a&gt;, ouvrez votre &lt;b&gt;Espace développeur&lt;/b&gt; et copiez votre &lt;b&gt;clé API&lt;/b&gt; et votre &lt;b&gt;identifiant utilisateur&lt;/b&gt; dans les Paramètres. Chaque photo utilise normalement un crédit&#xa0;; les variations peuvent être gratuites avec votre abonnement.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Image host&lt;/b&gt; — IACrea reads each photo from a web address, so the cloud engine first puts a copy online: in a storage bucket of yours (Amazon S3, Cloudflare R2, Backblaze B2, Wasabi, Scaleway, OVHcloud, MinIO) or on an upload server. The copy is resized and carries no location or camera data, and the link IACrea gets is private and expires. &lt;b&gt;Test upload&lt;/b&gt; in Settings checks that IACrea will be able to read it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Hébergement des images&lt;/b&gt; — IACrea lit chaque photo à partir d’une adresse web&#xa0;: le moteur cloud met donc d’abord une copie en ligne, dans un bucket de stockage à vous (Amazon S3, Cloudflare R2, Backblaze B2, Wasabi, Scaleway, OVHcloud, MinIO) ou sur un serveur d’envoi. La copie est redimensionnée et ne contient ni localisation ni données d’appareil, et le lien transmis à IACrea est privé et expire. &lt;b&gt;Tester l’envoi&lt;/b&gt;, dans les Paramètres, vérifie qu’IACrea pourra la lire.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Start with the local engine</source>
        <translation>Commencer en local</translation>
    </message>
    <message>
        <source>Set up an image host…</source>
        <translation>Configurer l’hébergement…</translation>
    </message>
    <message>
        <source>Add my API key…</source>
        <translation>Ajouter ma clé API…</translation>
    </message>
</context>
</TS>
