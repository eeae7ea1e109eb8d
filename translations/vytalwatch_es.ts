<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>ApiError</name>
    <message numerus="yes">
        <location filename="../app/client/apierror.cpp" line="57"/>
        <source>Too many attempts. Try again in %n minutes.</source>
        <translation>
            <numerusform>Demasiados intentos. Vuelva a intentarlo en %n minuto.</numerusform>
            <numerusform>Demasiados intentos. Vuelva a intentarlo en %n minutos.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/client/apierror.cpp" line="58"/>
        <source>Too many requests. Try again in %n minutes.</source>
        <translation>
            <numerusform>Demasiadas solicitudes. Vuelva a intentarlo en %n minuto.</numerusform>
            <numerusform>Demasiadas solicitudes. Vuelva a intentarlo en %n minutos.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/client/apierror.cpp" line="61"/>
        <source>Too many attempts. Try again in %n seconds.</source>
        <translation>
            <numerusform>Demasiados intentos. Vuelva a intentarlo en %n segundo.</numerusform>
            <numerusform>Demasiados intentos. Vuelva a intentarlo en %n segundos.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/client/apierror.cpp" line="62"/>
        <source>Too many requests. Try again in %n seconds.</source>
        <translation>
            <numerusform>Demasiadas solicitudes. Vuelva a intentarlo en %n segundo.</numerusform>
            <numerusform>Demasiadas solicitudes. Vuelva a intentarlo en %n segundos.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="64"/>
        <source>Too many attempts. Try again in a moment.</source>
        <translation>Demasiados intentos. Vuelva a intentarlo en un momento.</translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="65"/>
        <source>Too many requests. Try again in a moment.</source>
        <translation>Demasiadas solicitudes. Vuelva a intentarlo en un momento.</translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="72"/>
        <source>This conflicts with a change made elsewhere. Reload and try again.</source>
        <translation>Esto entra en conflicto con un cambio realizado en otro lugar. Vuelva a cargar e inténtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="74"/>
        <source>The file is too large to send.</source>
        <translation>El archivo es demasiado grande para enviarlo.</translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="76"/>
        <source>This type of file cannot be sent.</source>
        <translation>No se puede enviar este tipo de archivo.</translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="78"/>
        <source>The file was refused because it may contain a virus.</source>
        <translation>El archivo fue rechazado porque podría contener un virus.</translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="81"/>
        <source>The server refused the request.</source>
        <translation>El servidor rechazó la solicitud.</translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="82"/>
        <source>The server refused the request: %1</source>
        <translation>El servidor rechazó la solicitud: %1</translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="158"/>
        <source>Cannot reach the server at %1. Check the address and your network connection.</source>
        <translation>No se puede conectar con el servidor en %1. Verifique la dirección y su conexión de red.</translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="161"/>
        <source>The server at %1 did not answer in time. Try again.</source>
        <translation>El servidor en %1 no respondió a tiempo. Vuelva a intentarlo.</translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="163"/>
        <source>Cannot establish a secure connection to %1: %2</source>
        <translation>No se puede establecer una conexión segura con %1: %2</translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="165"/>
        <source>Wrong username or password.</source>
        <translation>Usuario o contraseña incorrectos.</translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="166"/>
        <source>Your session has expired. Please sign in again.</source>
        <translation>Su sesión ha expirado. Inicie sesión de nuevo.</translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="168"/>
        <source>You are not allowed to do this.</source>
        <translation>No tiene permiso para realizar esta acción.</translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="170"/>
        <source>This item does not exist or is not available to you.</source>
        <translation>Este elemento no existe o no está disponible para usted.</translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="177"/>
        <source>The server at %1 sent an answer this app cannot read.</source>
        <translation>El servidor en %1 envió una respuesta que esta aplicación no puede leer.</translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="179"/>
        <source>The server is temporarily unavailable. Try again later.</source>
        <translation>El servidor no está disponible temporalmente. Vuelva a intentarlo más tarde.</translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="180"/>
        <source>The server ran into a problem (error %1). Try again later.</source>
        <translation>El servidor tuvo un problema (error %1). Vuelva a intentarlo más tarde.</translation>
    </message>
    <message>
        <location filename="../app/client/apierror.cpp" line="182"/>
        <source>Something went wrong.</source>
        <translation>Se produjo un error.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/chat/main.cpp" line="25"/>
        <source>VytalWatch Messaging desktop app</source>
        <translation>Aplicación de escritorio de VytalWatch Messaging</translation>
    </message>
    <message>
        <location filename="../app/chat/main.cpp" line="29"/>
        <source>Server to connect to.</source>
        <translation>Servidor al que se conectará.</translation>
    </message>
    <message>
        <location filename="../app/chat/main.cpp" line="32"/>
        <source>Host the clinic server in-process.</source>
        <translation>Alojar el servidor de la clínica dentro del proceso.</translation>
    </message>
    <message>
        <location filename="../app/chat/main.cpp" line="34"/>
        <source>Data directory of the hosted server.</source>
        <translation>Directorio de datos del servidor alojado.</translation>
    </message>
    <message>
        <location filename="../app/chat/main.cpp" line="36"/>
        <source>Port of the hosted server.</source>
        <translation>Puerto del servidor alojado.</translation>
    </message>
    <message>
        <location filename="../app/chat/main.cpp" line="39"/>
        <source>Seed demo accounts into the hosted server.</source>
        <translation>Cargar cuentas de demostración en el servidor alojado.</translation>
    </message>
    <message>
        <location filename="../app/chat/main.cpp" line="55"/>
        <source>Demo clinic accounts (user name / password):</source>
        <translation>Cuentas de demostración de la clínica (nombre de usuario / contraseña):</translation>
    </message>
</context>
<context>
    <name>vw::chat::Composer</name>
    <message>
        <location filename="../app/chat/composer.cpp" line="149"/>
        <source>Message composer</source>
        <translation>Editor de mensajes</translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="152"/>
        <source>Reply</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="164"/>
        <source>Cancel reply</source>
        <translation>Cancelar respuesta</translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="164"/>
        <source>Cancel reply (Esc)</source>
        <translation>Cancelar respuesta (Esc)</translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="176"/>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="177"/>
        <source>Enter sends, Shift+Enter starts a new line</source>
        <translation>Enter envía, Mayús+Enter inicia una nueva línea</translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="178"/>
        <source>Write a message…</source>
        <translation>Escriba un mensaje…</translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="190"/>
        <source>Attach</source>
        <translation>Adjuntar</translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="190"/>
        <source>Attach file</source>
        <translation>Adjuntar archivo</translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="190"/>
        <source>Attach a file</source>
        <translation>Adjuntar un archivo</translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="193"/>
        <source>Urgent</source>
        <translation>Urgente</translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="193"/>
        <source>Mark as urgent</source>
        <translation>Marcar como urgente</translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="194"/>
        <source>Mark this message as urgent: the care team is alerted at once</source>
        <translation>Marcar este mensaje como urgente: se alertará de inmediato al equipo de atención</translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="198"/>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="198"/>
        <source>Send message</source>
        <translation>Enviar mensaje</translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="198"/>
        <source>Send (Enter)</source>
        <translation>Enviar (Enter)</translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="229"/>
        <source>On</source>
        <translation>Activado</translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="229"/>
        <source>Off</source>
        <translation>Desactivado</translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="273"/>
        <source>Replying to %1</source>
        <translation>Respondiendo a %1</translation>
    </message>
    <message>
        <location filename="../app/chat/composer.cpp" line="275"/>
        <source>Replying to %1: %2</source>
        <translation>Respondiendo a %1: %2</translation>
    </message>
</context>
<context>
    <name>vw::chat::ConversationDelegate</name>
    <message>
        <location filename="../app/chat/conversationdelegate.cpp" line="203"/>
        <source>No messages yet</source>
        <translation>Aún no hay mensajes</translation>
    </message>
</context>
<context>
    <name>vw::chat::LocalServerHost</name>
    <message>
        <location filename="../app/chat/localserverhost.cpp" line="24"/>
        <source>A clinic server is already running in this app.</source>
        <translation>Ya hay un servidor de la clínica en ejecución en esta aplicación.</translation>
    </message>
</context>
<context>
    <name>vw::chat::MainWindow</name>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="59"/>
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="59"/>
        <source>Offline: messages are kept and sent when back</source>
        <translation>Sin conexión: los mensajes se guardan y se enviarán al restablecerse la conexión</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="68"/>
        <source>A message could not be sent: %1</source>
        <translation>No se pudo enviar un mensaje: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/chat/mainwindow.cpp" line="86"/>
        <source>Signed out after %n minutes without activity.</source>
        <translation>
            <numerusform>Se cerró la sesión tras %n minuto sin actividad.</numerusform>
            <numerusform>Se cerró la sesión tras %n minutos sin actividad.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="182"/>
        <source>Attach files</source>
        <translation>Adjuntar archivos</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="183"/>
        <source>Images and documents (*.png *.jpg *.jpeg *.gif *.webp *.heic *.pdf *.txt *.csv *.docx *.xlsx *.pptx *.odt);;All files (*)</source>
        <translation>Imágenes y documentos (*.png *.jpg *.jpeg *.gif *.webp *.heic *.pdf *.txt *.csv *.docx *.xlsx *.pptx *.odt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="201"/>
        <source>%1 was not sent: %2</source>
        <translation>No se envió %1: %2</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="209"/>
        <source>The file cannot be opened: %1</source>
        <translation>No se puede abrir el archivo: %1</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="293"/>
        <source>Conversations</source>
        <translation>Conversaciones</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="294"/>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="295"/>
        <source>Conversation</source>
        <translation>Conversación</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="296"/>
        <source>Typing</source>
        <translation>Escribiendo</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="297"/>
        <source>Choose a conversation on the left.</source>
        <translation>Elija una conversación a la izquierda.</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="298"/>
        <source>Sign in to see your conversations.</source>
        <translation>Inicie sesión para ver sus conversaciones.</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="300"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="302"/>
        <source>&amp;Go</source>
        <translation>&amp;Ir</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="303"/>
        <source>&amp;Language</source>
        <translation>I&amp;dioma</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="305"/>
        <source>&amp;Host a clinic server on this computer…</source>
        <translation>&amp;Alojar un servidor de la clínica en esta computadora…</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="307"/>
        <source>Sign &amp;out</source>
        <translation>&amp;Cerrar sesión</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="309"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="311"/>
        <source>Next &amp;unread conversation</source>
        <translation>Siguiente conversación &amp;no leída</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="313"/>
        <source>&amp;New conversation…</source>
        <translation>Nueva &amp;conversación…</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="315"/>
        <source>&amp;Search messages…</source>
        <translation>&amp;Buscar mensajes…</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="317"/>
        <source>Write a &amp;message</source>
        <translation>Escribir un &amp;mensaje</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="319"/>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="331"/>
        <source>This computer hosts the clinic server at %1.</source>
        <translation>Esta computadora aloja el servidor de la clínica en %1.</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="332"/>
        <source>Server: %1</source>
        <translation>Servidor: %1</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="359"/>
        <source>Signed in as %1</source>
        <translation>Sesión iniciada como %1</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="370"/>
        <source>Your session has ended. Please sign in again.</source>
        <translation>Su sesión finalizó. Inicie sesión de nuevo.</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="372"/>
        <source>You were signed out from another place.</source>
        <translation>Se cerró su sesión desde otro lugar.</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="407"/>
        <source>Clinic server</source>
        <translation>Servidor de la clínica</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="408"/>
        <source>This computer already hosts the clinic server at %1.</source>
        <translation>Esta computadora ya aloja el servidor de la clínica en %1.</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="413"/>
        <location filename="../app/chat/mainwindow.cpp" line="418"/>
        <location filename="../app/chat/mainwindow.cpp" line="422"/>
        <source>Host a clinic server</source>
        <translation>Alojar un servidor de la clínica</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="414"/>
        <source>Port for the clinic server (other computers on this network reach it through a TLS proxy):</source>
        <translation>Puerto del servidor de la clínica (otras computadoras de esta red acceden a él a través de un proxy TLS):</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="419"/>
        <source>Add the demo clinic (one provider and two patients) to try it out?</source>
        <translation>¿Desea agregar la clínica de demostración (un profesional de la salud y dos pacientes) para probarla?</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="427"/>
        <source>Demo clinic</source>
        <translation>Clínica de demostración</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="428"/>
        <source>Demo accounts (user name / password):</source>
        <translation>Cuentas de demostración (nombre de usuario / contraseña):</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="494"/>
        <source>&amp;Reply</source>
        <translation>&amp;Responder</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="496"/>
        <source>&amp;Copy text</source>
        <translation>&amp;Copiar texto</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="499"/>
        <source>&amp;Delete for everyone</source>
        <translation>&amp;Eliminar para todos</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="510"/>
        <source>Delete message</source>
        <translation>Eliminar mensaje</translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="511"/>
        <source>Delete this message for everyone in the conversation? Its files go with it.</source>
        <translation>¿Eliminar este mensaje para todos en la conversación? Sus archivos también se eliminarán.</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/chat/mainwindow.cpp" line="536"/>
        <source>VytalWatch Messaging (%n unread)</source>
        <translation>
            <numerusform>VytalWatch Messaging (%n sin leer)</numerusform>
            <numerusform>VytalWatch Messaging (%n sin leer)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/chat/mainwindow.cpp" line="536"/>
        <source>VytalWatch Messaging</source>
        <translation>VytalWatch Messaging</translation>
    </message>
</context>
<context>
    <name>vw::chat::MessageDelegate</name>
    <message>
        <location filename="../app/chat/messagedelegate.cpp" line="90"/>
        <source>Virus-scanned</source>
        <translation>Analizado con antivirus</translation>
    </message>
    <message>
        <location filename="../app/chat/messagedelegate.cpp" line="92"/>
        <source>Not scanned</source>
        <translation>Sin analizar</translation>
    </message>
    <message>
        <location filename="../app/chat/messagedelegate.cpp" line="161"/>
        <source>Reply</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <location filename="../app/chat/messagedelegate.cpp" line="167"/>
        <source>Earlier message</source>
        <translation>Mensaje anterior</translation>
    </message>
    <message>
        <location filename="../app/chat/messagedelegate.cpp" line="247"/>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <location filename="../app/chat/messagedelegate.cpp" line="249"/>
        <source>Yesterday</source>
        <translation>Ayer</translation>
    </message>
    <message>
        <location filename="../app/chat/messagedelegate.cpp" line="317"/>
        <location filename="../app/chat/messagedelegate.cpp" line="552"/>
        <source>Urgent</source>
        <translation>Urgente</translation>
    </message>
    <message>
        <location filename="../app/chat/messagedelegate.cpp" line="338"/>
        <source>This message was deleted</source>
        <translation>Este mensaje fue eliminado</translation>
    </message>
    <message>
        <location filename="../app/chat/messagedelegate.cpp" line="355"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../app/chat/messagedelegate.cpp" line="476"/>
        <source>Unread messages</source>
        <translation>Mensajes sin leer</translation>
    </message>
    <message>
        <location filename="../app/chat/messagedelegate.cpp" line="631"/>
        <source>Not sent · %1</source>
        <translation>No enviado · %1</translation>
    </message>
</context>
<context>
    <name>vw::chat::NewConversationDialog</name>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="36"/>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="38"/>
        <source>Provider</source>
        <translation>Profesional de la salud</translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="40"/>
        <source>Administrator</source>
        <translation>Administrador</translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="80"/>
        <location filename="../app/chat/newconversationdialog.cpp" line="81"/>
        <source>New conversation</source>
        <translation>Nueva conversación</translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="83"/>
        <source>&amp;Find people:</source>
        <translation>&amp;Buscar personas:</translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="85"/>
        <source>Search people</source>
        <translation>Buscar personas</translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="86"/>
        <source>Name or user name</source>
        <translation>Nombre o nombre de usuario</translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="92"/>
        <source>People</source>
        <translation>Personas</translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="94"/>
        <source>Select one person for a conversation, or tick several for a care-team group</source>
        <translation>Seleccione una persona para una conversación, o marque varias para un grupo del equipo de atención</translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="95"/>
        <source>Select the person to write to</source>
        <translation>Seleccione la persona a la que desea escribir</translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="100"/>
        <source>Group &amp;title:</source>
        <translation>&amp;Título del grupo:</translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="102"/>
        <source>Group title</source>
        <translation>Título del grupo</translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="103"/>
        <source>Needed when several people are ticked</source>
        <translation>Obligatorio si marca varias personas</translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="109"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="114"/>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="124"/>
        <location filename="../app/chat/newconversationdialog.cpp" line="261"/>
        <source>&amp;Start</source>
        <translation>&amp;Iniciar</translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="125"/>
        <source>Start conversation</source>
        <translation>Iniciar conversación</translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="127"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="186"/>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="211"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="226"/>
        <source>No one found.</source>
        <translation>No se encontró a nadie.</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/chat/newconversationdialog.cpp" line="226"/>
        <source>%n people found.</source>
        <translation>
            <numerusform>Se encontró %n persona.</numerusform>
            <numerusform>Se encontraron %n personas.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="261"/>
        <source>&amp;Create group</source>
        <translation>&amp;Crear grupo</translation>
    </message>
    <message>
        <location filename="../app/chat/newconversationdialog.cpp" line="353"/>
        <source>Opening the conversation…</source>
        <translation>Abriendo la conversación…</translation>
    </message>
</context>
<context>
    <name>vw::chat::SearchPanel</name>
    <message>
        <location filename="../app/chat/searchpanel.cpp" line="36"/>
        <source>(deleted message)</source>
        <translation>(mensaje eliminado)</translation>
    </message>
    <message>
        <location filename="../app/chat/searchpanel.cpp" line="52"/>
        <source>Message search</source>
        <translation>Búsqueda de mensajes</translation>
    </message>
    <message>
        <location filename="../app/chat/searchpanel.cpp" line="55"/>
        <location filename="../app/chat/searchpanel.cpp" line="56"/>
        <source>Search messages</source>
        <translation>Buscar mensajes</translation>
    </message>
    <message>
        <location filename="../app/chat/searchpanel.cpp" line="57"/>
        <source>Finds whole words. Press Enter to search, Escape to close.</source>
        <translation>Busca palabras completas. Presione Enter para buscar o Esc para cerrar.</translation>
    </message>
    <message>
        <location filename="../app/chat/searchpanel.cpp" line="61"/>
        <source>&amp;This conversation</source>
        <translation>&amp;Esta conversación</translation>
    </message>
    <message>
        <location filename="../app/chat/searchpanel.cpp" line="62"/>
        <source>Search this conversation</source>
        <translation>Buscar en esta conversación</translation>
    </message>
    <message>
        <location filename="../app/chat/searchpanel.cpp" line="63"/>
        <source>&amp;All conversations</source>
        <translation>&amp;Todas las conversaciones</translation>
    </message>
    <message>
        <location filename="../app/chat/searchpanel.cpp" line="64"/>
        <source>Search all conversations</source>
        <translation>Buscar en todas las conversaciones</translation>
    </message>
    <message>
        <location filename="../app/chat/searchpanel.cpp" line="72"/>
        <source>Search results</source>
        <translation>Resultados de la búsqueda</translation>
    </message>
    <message>
        <location filename="../app/chat/searchpanel.cpp" line="78"/>
        <source>Search status</source>
        <translation>Estado de la búsqueda</translation>
    </message>
    <message>
        <location filename="../app/chat/searchpanel.cpp" line="156"/>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <location filename="../app/chat/searchpanel.cpp" line="176"/>
        <source>%1 · %2
%3</source>
        <translation>%1 · %2
%3</translation>
    </message>
    <message>
        <location filename="../app/chat/searchpanel.cpp" line="180"/>
        <source>No messages found.</source>
        <translation>No se encontraron mensajes.</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/chat/searchpanel.cpp" line="181"/>
        <source>%n message(s) found.</source>
        <translation>
            <numerusform>Se encontró %n mensaje.</numerusform>
            <numerusform>Se encontraron %n mensajes.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/chat/searchpanel.cpp" line="205"/>
        <source>Unknown sender</source>
        <translation>Remitente desconocido</translation>
    </message>
</context>
<context>
    <name>vw::chat::SignInDialog</name>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="48"/>
        <source>Sign in to VytalWatch</source>
        <translation>Iniciar sesión en VytalWatch</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="49"/>
        <location filename="../app/chat/signindialog.cpp" line="97"/>
        <location filename="../app/chat/signindialog.cpp" line="98"/>
        <location filename="../app/chat/signindialog.cpp" line="157"/>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="51"/>
        <source>Sign in to VytalWatch Messaging</source>
        <translation>Iniciar sesión en VytalWatch Messaging</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="58"/>
        <source>Server address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="59"/>
        <source>https://clinic.example.org</source>
        <translation>https://clinic.example.org</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="64"/>
        <source>Username</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="68"/>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="73"/>
        <source>Server address problem</source>
        <translation>Problema con la dirección del servidor</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="77"/>
        <source>Security warning</source>
        <translation>Advertencia de seguridad</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="79"/>
        <source>Plain http to another computer exposes health information to anyone on the network. Use an https:// address unless the server runs on this computer.</source>
        <translation>Usar http sin cifrar hacia otra computadora expone la información de salud a cualquier persona en la red. Use una dirección https:// a menos que el servidor se ejecute en esta computadora.</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="86"/>
        <source>Sign-in error</source>
        <translation>Error al iniciar sesión</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="93"/>
        <source>Signing in</source>
        <translation>Iniciando sesión</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="101"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="106"/>
        <source>&amp;Server:</source>
        <translation>&amp;Servidor:</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="108"/>
        <source>&amp;Username:</source>
        <translation>Nombre de &amp;usuario:</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="109"/>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <location filename="../app/chat/signindialog.cpp" line="157"/>
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
</context>
<context>
    <name>vw::chat::TrayNotifier</name>
    <message>
        <location filename="../app/chat/traynotifier.cpp" line="50"/>
        <source>VytalWatch: urgent message</source>
        <translation>VytalWatch: mensaje urgente</translation>
    </message>
    <message>
        <location filename="../app/chat/traynotifier.cpp" line="50"/>
        <source>VytalWatch</source>
        <translation>VytalWatch</translation>
    </message>
    <message>
        <location filename="../app/chat/traynotifier.cpp" line="55"/>
        <source>Urgent message from %1</source>
        <translation>Mensaje urgente de %1</translation>
    </message>
    <message>
        <location filename="../app/chat/traynotifier.cpp" line="55"/>
        <source>New message from %1</source>
        <translation>Nuevo mensaje de %1</translation>
    </message>
    <message>
        <location filename="../app/chat/traynotifier.cpp" line="61"/>
        <source>VytalWatch Messaging</source>
        <translation>VytalWatch Messaging</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/chat/traynotifier.cpp" line="62"/>
        <source>VytalWatch Messaging: %n unread</source>
        <translation>
            <numerusform>VytalWatch Messaging: %n sin leer</numerusform>
            <numerusform>VytalWatch Messaging: %n sin leer</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vw::client::ChatSession</name>
    <message>
        <location filename="../app/client/chatsession.cpp" line="491"/>
        <location filename="../app/client/chatsession.cpp" line="518"/>
        <source>Open a conversation first.</source>
        <translation>Primero abra una conversación.</translation>
    </message>
    <message>
        <location filename="../app/client/chatsession.cpp" line="494"/>
        <location filename="../app/client/chatsession.cpp" line="520"/>
        <source>Messages cannot be sent in this session: the offline outbox is locked.</source>
        <translation>No se pueden enviar mensajes en esta sesión: la bandeja de salida sin conexión está bloqueada.</translation>
    </message>
    <message>
        <location filename="../app/client/chatsession.cpp" line="496"/>
        <source>The message is empty.</source>
        <translation>El mensaje está vacío.</translation>
    </message>
    <message>
        <location filename="../app/client/chatsession.cpp" line="523"/>
        <source>Files can be sent when you are back online.</source>
        <translation>Podrá enviar archivos cuando vuelva a tener conexión.</translation>
    </message>
    <message>
        <location filename="../app/client/chatsession.cpp" line="532"/>
        <source>No file was chosen.</source>
        <translation>No se eligió ningún archivo.</translation>
    </message>
    <message>
        <location filename="../app/client/chatsession.cpp" line="538"/>
        <source>%1 was not found.</source>
        <translation>No se encontró %1.</translation>
    </message>
    <message>
        <location filename="../app/client/chatsession.cpp" line="540"/>
        <source>%1 cannot be read.</source>
        <translation>No se puede leer %1.</translation>
    </message>
    <message>
        <location filename="../app/client/chatsession.cpp" line="542"/>
        <source>%1 is empty.</source>
        <translation>%1 está vacío.</translation>
    </message>
    <message>
        <location filename="../app/client/chatsession.cpp" line="544"/>
        <source>%1 is %2; files up to %3 can be sent.</source>
        <translation>%1 ocupa %2; se pueden enviar archivos de hasta %3.</translation>
    </message>
    <message>
        <location filename="../app/client/chatsession.cpp" line="559"/>
        <source>The pasted image is empty.</source>
        <translation>La imagen pegada está vacía.</translation>
    </message>
    <message>
        <location filename="../app/client/chatsession.cpp" line="563"/>
        <source>The pasted image could not be converted.</source>
        <translation>No se pudo convertir la imagen pegada.</translation>
    </message>
    <message>
        <location filename="../app/client/chatsession.cpp" line="566"/>
        <source>The pasted image is %1; files up to %2 can be sent.</source>
        <translation>La imagen pegada ocupa %1; se pueden enviar archivos de hasta %2.</translation>
    </message>
</context>
<context>
    <name>vw::client::ConversationListModel</name>
    <message>
        <location filename="../app/client/conversationlistmodel.cpp" line="550"/>
        <source>Unknown user</source>
        <translation>Usuario desconocido</translation>
    </message>
    <message>
        <location filename="../app/client/conversationlistmodel.cpp" line="562"/>
        <source>Only you</source>
        <translation>Solo usted</translation>
    </message>
    <message>
        <location filename="../app/client/conversationlistmodel.cpp" line="605"/>
        <source>%1 is typing…</source>
        <translation>%1 está escribiendo…</translation>
    </message>
    <message>
        <location filename="../app/client/conversationlistmodel.cpp" line="607"/>
        <source>%1 and %2 are typing…</source>
        <translation>%1 y %2 están escribiendo…</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/client/conversationlistmodel.cpp" line="609"/>
        <source>%n people are typing…</source>
        <translation>
            <numerusform>%n persona está escribiendo…</numerusform>
            <numerusform>%n personas están escribiendo…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/client/conversationlistmodel.cpp" line="618"/>
        <source>%n unread messages</source>
        <translation>
            <numerusform>%n mensaje sin leer</numerusform>
            <numerusform>%n mensajes sin leer</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/client/conversationlistmodel.cpp" line="620"/>
        <source>urgent</source>
        <translation>urgente</translation>
    </message>
    <message>
        <location filename="../app/client/conversationlistmodel.cpp" line="622"/>
        <source>online</source>
        <translation>en línea</translation>
    </message>
    <message>
        <location filename="../app/client/conversationlistmodel.cpp" line="627"/>
        <source>last message: %1</source>
        <translation>último mensaje: %1</translation>
    </message>
</context>
<context>
    <name>vw::client::MessageListModel</name>
    <message>
        <location filename="../app/client/messagelistmodel.cpp" line="351"/>
        <source>This message was deleted</source>
        <translation>Este mensaje fue eliminado</translation>
    </message>
    <message>
        <location filename="../app/client/messagelistmodel.cpp" line="359"/>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/client/messagelistmodel.cpp" line="359"/>
        <source>%n photos</source>
        <translation>
            <numerusform>%n foto</numerusform>
            <numerusform>%n fotos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/client/messagelistmodel.cpp" line="361"/>
        <source>%n files</source>
        <translation>
            <numerusform>%n archivo</numerusform>
            <numerusform>%n archivos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/client/messagelistmodel.cpp" line="665"/>
        <source>Unknown user</source>
        <translation>Usuario desconocido</translation>
    </message>
    <message>
        <location filename="../app/client/messagelistmodel.cpp" line="710"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../app/client/messagelistmodel.cpp" line="710"/>
        <source>You</source>
        <translation>Usted</translation>
    </message>
    <message>
        <location filename="../app/client/messagelistmodel.cpp" line="712"/>
        <source>urgent</source>
        <translation>urgente</translation>
    </message>
    <message>
        <location filename="../app/client/messagelistmodel.cpp" line="717"/>
        <source>sending</source>
        <translation>enviando</translation>
    </message>
    <message>
        <location filename="../app/client/messagelistmodel.cpp" line="720"/>
        <source>not sent</source>
        <translation>no enviado</translation>
    </message>
    <message>
        <location filename="../app/client/messagelistmodel.cpp" line="723"/>
        <source>sent</source>
        <translation>enviado</translation>
    </message>
    <message>
        <location filename="../app/client/messagelistmodel.cpp" line="726"/>
        <source>delivered</source>
        <translation>entregado</translation>
    </message>
    <message>
        <location filename="../app/client/messagelistmodel.cpp" line="729"/>
        <source>read</source>
        <translation>leído</translation>
    </message>
</context>
</TS>
